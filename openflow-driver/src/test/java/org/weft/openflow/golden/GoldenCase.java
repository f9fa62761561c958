package org.weft.openflow.golden;

/**
 * One message Weft sends, as the driver encoded it, and the fixture it must equal.
 *
 * @param fixture path below {@code golden/} without extension, e.g. {@code of13/flow-add-l2}
 * @param description the domain input, for failure messages
 * @param bytes the driver's bytes
 */
record GoldenCase(String fixture, String description, byte[] bytes) {

    @Override
    public String toString() {
        return fixture;
    }
}
