package org.weft.openflow.translate;

import java.lang.reflect.Method;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;

/** Makes OFPT_ERROR messages readable: type and code names instead of numbers. */
public final class OfErrors {

    private OfErrors() {}

    /** The error's type name, e.g. {@code FLOW_MOD_FAILED}. */
    public static String typeName(OFErrorMsg error) {
        return error.getErrType().name();
    }

    /**
     * The error's code name, e.g. {@code TABLE_FULL}. Every generated Loxi error class has a typed
     * {@code getCode()}; reading it through the public interface keeps this independent of the
     * nineteen subtypes.
     */
    public static String codeName(OFErrorMsg error) {
        for (Class<?> api : error.getClass().getInterfaces()) {
            try {
                Method m = api.getMethod("getCode");
                return String.valueOf(m.invoke(error));
            } catch (NoSuchMethodException e) {
                // not the typed error interface; try the next one
            } catch (ReflectiveOperationException e) {
                return "UNKNOWN_CODE(" + e.getClass().getSimpleName() + ")";
            }
        }
        return "UNKNOWN_CODE";
    }

    public static String describe(OFErrorMsg error) {
        return typeName(error) + "/" + codeName(error) + " (xid " + error.getXid() + ")";
    }

    public static SwitchErrorException toException(Dpid dpid, OFErrorMsg error) {
        return new SwitchErrorException(dpid, error.getXid(), typeName(error), codeName(error));
    }
}
