package org.weft.net.meter;

/**
 * What a switch says of its meters (OpenFlow 1.3 meter features).
 *
 * @param maxMeters how many meters it can hold; 0: none (OpenFlow 1.0, or a datapath without them)
 * @param kbps whether it meters in kbit/s
 * @param burst whether it takes a burst size
 * @param dropBand whether it has drop bands
 */
public record MeterFeatures(long maxMeters, boolean kbps, boolean burst, boolean dropBand) {

    public static final MeterFeatures NONE = new MeterFeatures(0, false, false, false);

    /** Whether a kbit/s meter with a drop band can be installed. */
    public boolean supportsDropKbps() {
        return maxMeters > 0 && kbps && dropBand;
    }
}
