package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Map;

/**
 * An OpenFlow port number (32-bit unsigned, OF1.3 numbering). Reserved ports print by name ({@code
 * LOCAL}, {@code CONTROLLER}, ...).
 */
public record PortNumber(long value) implements Comparable<PortNumber> {

    public static final PortNumber IN_PORT = new PortNumber(0xfffffff8L);
    public static final PortNumber TABLE = new PortNumber(0xfffffff9L);
    public static final PortNumber NORMAL = new PortNumber(0xfffffffaL);
    public static final PortNumber FLOOD = new PortNumber(0xfffffffbL);
    public static final PortNumber ALL = new PortNumber(0xfffffffcL);
    public static final PortNumber CONTROLLER = new PortNumber(0xfffffffdL);
    public static final PortNumber LOCAL = new PortNumber(0xfffffffeL);
    public static final PortNumber ANY = new PortNumber(0xffffffffL);

    /** Highest number of a physical or logical (non-reserved) port. */
    public static final long MAX_PHYSICAL = 0xffffff00L;

    private static final Map<String, PortNumber> BY_NAME =
            Map.of(
                    "IN_PORT", IN_PORT,
                    "TABLE", TABLE,
                    "NORMAL", NORMAL,
                    "FLOOD", FLOOD,
                    "ALL", ALL,
                    "CONTROLLER", CONTROLLER,
                    "LOCAL", LOCAL,
                    "ANY", ANY);

    public PortNumber {
        checkArgument(value >= 0 && value <= 0xffffffffL, "port number out of range: %s", value);
    }

    /** Port numbers below this are shared instances: packet-ins name one each. */
    private static final int CACHED = 1024;

    private static final PortNumber[] SMALL = new PortNumber[CACHED];

    static {
        for (int i = 0; i < CACHED; i++) {
            SMALL[i] = new PortNumber(i);
        }
    }

    public static PortNumber of(long value) {
        return value >= 0 && value < CACHED ? SMALL[(int) value] : new PortNumber(value);
    }

    /** Parses a decimal port number or a reserved port name. */
    public static PortNumber parse(String text) {
        checkArgument(text != null, "port must not be null");
        PortNumber named = BY_NAME.get(text.trim().toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "port '" + text + "' is neither a number nor a reserved name", e);
        }
    }

    public boolean isReserved() {
        return value > MAX_PHYSICAL;
    }

    @Override
    public String toString() {
        if (isReserved()) {
            for (Map.Entry<String, PortNumber> e : BY_NAME.entrySet()) {
                if (e.getValue().value == value) {
                    return e.getKey();
                }
            }
        }
        return Long.toString(value);
    }

    @Override
    public int compareTo(PortNumber o) {
        return Long.compare(value, o.value);
    }

    // Written out: compared and hashed in every link and connect point comparison.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PortNumber x && value == x.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
