package org.weft.net.stats;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.ConnectPoint;

/**
 * A port's rates over the interval between its last two consistent counter samples.
 *
 * @param port the port
 * @param rxBitsPerSecond bits received per second
 * @param txBitsPerSecond bits sent per second
 * @param rxPacketsPerSecond packets received per second
 * @param txPacketsPerSecond packets sent per second
 * @param dropsPerSecond packets dropped per second, received and sent
 * @param errorsPerSecond receive and transmit errors per second
 * @param intervalMillis the interval the rates are averaged over
 * @param atMillis wall-clock time of the later sample
 */
public record PortRate(
        ConnectPoint port,
        double rxBitsPerSecond,
        double txBitsPerSecond,
        double rxPacketsPerSecond,
        double txPacketsPerSecond,
        double dropsPerSecond,
        double errorsPerSecond,
        long intervalMillis,
        long atMillis) {

    public PortRate {
        checkNotNull(port, "port");
    }
}
