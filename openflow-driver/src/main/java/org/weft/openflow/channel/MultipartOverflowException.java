package org.weft.openflow.channel;

import org.weft.net.Dpid;
import org.weft.net.SwitchReplyTooLargeException;

/** A switch's multipart reply grew past the configured parts or bytes; the request failed. */
public final class MultipartOverflowException extends SwitchReplyTooLargeException {

    private static final long serialVersionUID = 1L;

    MultipartOverflowException(Dpid dpid, int maxParts, long maxBytes) {
        super(
                dpid,
                "multipart reply from "
                        + dpid
                        + " exceeds "
                        + maxParts
                        + " parts or "
                        + maxBytes
                        + " bytes (openflow.maxMultipartParts / maxMultipartBytes)");
    }
}
