package org.weft.intent;

import org.weft.net.SwitchErrorException;
import org.weft.net.flow.Cookies;
import org.weft.net.intent.StaticFlowService;

/** Static flow ids and the cookies they make. */
final class StaticFlowIds {

    /** Largest id a cookie's low 48 bits hold. */
    static final long MAX_ID = 0xffffffffffffL;

    private StaticFlowIds() {}

    /**
     * A static flow id.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    static long parse(String text) {
        if (text == null || !text.matches("[0-9]{1,15}")) {
            throw new IllegalArgumentException("'" + text + "' is not a static flow id");
        }
        long id = Long.parseLong(text);
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("static flow id " + id + " out of 1.." + MAX_ID);
        }
        return id;
    }

    static long cookie(long id) {
        return Cookies.make(StaticFlowService.APP_ID, id);
    }

    /** The cookie as {@code 0x...}, as stored documents show it. */
    static String cookieText(long id) {
        return String.format("0x%016x", cookie(id));
    }

    /** The switch's error as {@code TYPE/CODE}, e.g. {@code FLOW_MOD_FAILED/TABLE_FULL}. */
    static String errorName(SwitchErrorException s) {
        return s.errorType() + "/" + s.errorCode();
    }
}
