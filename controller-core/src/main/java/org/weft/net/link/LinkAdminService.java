package org.weft.net.link;

import org.weft.net.Link;

/** Operator changes to links. */
public interface LinkAdminService {

    /**
     * Sets the admin weight of one direction; kept while the link flaps. {@link
     * Double#POSITIVE_INFINITY} asks weighers that honour it to avoid the link.
     *
     * @throws IllegalArgumentException when the weight is NaN or negative
     */
    void setAdminWeight(Link link, double weight);

    /** Sets the admin weight of both directions of the cable. */
    default void setCableAdminWeight(Link link, double weight) {
        setAdminWeight(link, weight);
        setAdminWeight(link.reverse(), weight);
    }

    /** Back to {@link org.weft.net.topology.LinkInfo#DEFAULT_ADMIN_WEIGHT}. */
    void clearAdminWeight(Link link);

    /**
     * Sets the capacity of one direction, in place of the lower port speed the switches report
     * (which is not the shaped rate of, say, a Mininet link); kept while the link flaps.
     *
     * @throws IllegalArgumentException when the capacity is not positive
     */
    void setCapacityOverride(Link link, long capacityMbps);

    /** Back to the capacity the ports report (from the link's next discovery round). */
    void clearCapacityOverride(Link link);
}
