package org.weft.store.impl;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/** Validates kinds and ids, which double as file names. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private Names() {}

    static String check(String what, String name) {
        checkArgument(
                name != null && NAME.matcher(name).matches(),
                "%s '%s' must be 1-128 letters, digits, '.', '_' or '-' (not starting with '.')",
                what,
                name);
        return name;
    }
}
