package org.weft.net.policy;

/**
 * An ACL rule with what its entries counted on every switch (flow stats of the switches that
 * answered).
 */
public record AclEntry(AclRule rule, long packets, long bytes) {}
