package org.weft.rest.routes;

import io.javalin.http.Context;
import org.weft.net.Dpid;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
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
}
