package org.weft.rest.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import org.weft.net.Dpid;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.routing.RoutingMetric;
import org.weft.rest.ApiException;

/** Reads path and query parameters, answering 400 for malformed ones and 404 for unknown ones. */
final class Params {

    private Params() {}

    /** The connected switch named by a query parameter, which is required. */
    static Device deviceFromQuery(Context ctx, DeviceService devices, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required");
        }
        return device(devices, text);
    }

    /** The connected switch named by a path parameter. */
    static Device deviceFromPath(Context ctx, DeviceService devices, String name) {
        return device(devices, ctx.pathParam(name));
    }

    private static Device device(DeviceService devices, String text) {
        Dpid dpid;
        try {
            dpid = Dpid.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        return devices.getDevice(dpid)
                .orElseThrow(() -> ApiException.notFound("no connected switch " + dpid));
    }

    /** Reads a JSON body strictly: 400 naming the field for anything that is not the shape. */
    static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'" + at(e), e);
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("wrong type" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable body: " + e.getMessage(), e);
        }
    }

    private static String at(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : " at " + sb;
    }

    /** The service, or 503 when this Weft runs without it. */
    static <T> T available(T service, String what) {
        if (service == null) {
            throw new ApiException(503, "unavailable", what + " not running in this Weft");
        }
        return service;
    }

    /** A routing metric by name, any case. */
    static RoutingMetric metric(String text) {
        try {
            return RoutingMetric.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "metric must be one of "
                            + java.util.Arrays.toString(RoutingMetric.values())
                            + ", not '"
                            + text
                            + "'",
                    e);
        }
    }
}
