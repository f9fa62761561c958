package org.weft.mininet;

/** Packets sent and answered. */
public record PingResult(int sent, int received) {
    public boolean allReceived() {
        return sent > 0 && received == sent;
    }
}
