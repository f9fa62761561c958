package org.weft.openflow.channel;

import java.time.Duration;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.translate.OfErrors;
import org.weft.util.LogThrottle;

/**
 * Warnings about what one switch sends (malformed messages, errors that answer nothing of ours): at
 * most one line per {@link #INTERVAL}, each with the count of those left out, so a switch sending
 * garbage cannot flood the log.
 */
final class SwitchWarnings {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final LogThrottle throttle = LogThrottle.every(INTERVAL);

    void malformed(Object who, MalformedMessage m) {
        long left = throttle.admit();
        if (left >= 0) {
            log.warn(
                    "Malformed message from {} (version {}, type {}, xid {}): {}{}",
                    who,
                    m.version(),
                    m.type(),
                    m.xid(),
                    m.reason(),
                    suppressed(left));
        }
    }

    void error(Object who, OFErrorMsg error) {
        long left = throttle.admit();
        if (left >= 0) {
            log.warn("Error from {}: {}{}", who, OfErrors.describe(error), suppressed(left));
        }
    }

    private static String suppressed(long left) {
        return left > 0 ? " (and " + left + " more warnings since the last line)" : "";
    }
}
