package org.weft.rest;

import static com.fasterxml.jackson.databind.cfg.CoercionAction.Fail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** The API's JSON mapper: strict reading (no unknown fields, no type coercion), plain writing. */
public final class Json {

    private Json() {}

    public static ObjectMapper strictMapper() {
        return strict(JsonMapper.builder())
                .addModule(new Jdk8Module())
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /**
     * Makes a mapper builder strict: unknown fields, nulls for primitives, numbers for enums,
     * trailing tokens and every scalar coercion (string to number or boolean, number to string...)
     * are errors. Shared with the configuration file reader.
     */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Integer,
                        c ->
                                c.setCoercion(CoercionInputShape.String, Fail)
                                        .setCoercion(CoercionInputShape.Float, Fail)
                                        .setCoercion(CoercionInputShape.Boolean, Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c ->
                                c.setCoercion(CoercionInputShape.String, Fail)
                                        .setCoercion(CoercionInputShape.Integer, Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c ->
                                c.setCoercion(CoercionInputShape.Integer, Fail)
                                        .setCoercion(CoercionInputShape.Float, Fail)
                                        .setCoercion(CoercionInputShape.Boolean, Fail));
    }
}
