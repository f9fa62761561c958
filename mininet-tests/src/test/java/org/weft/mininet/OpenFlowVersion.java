package org.weft.mininet;

/** OpenFlow versions the suite runs switches with, named as OVS and ovs-ofctl spell them. */
public enum OpenFlowVersion {
    OF10("OpenFlow10"),
    OF13("OpenFlow13");

    private final String ovsName;

    OpenFlowVersion(String ovsName) {
        this.ovsName = ovsName;
    }

    /** The name OVS uses, e.g. {@code OpenFlow13}. */
    public String ovsName() {
        return ovsName;
    }
}
