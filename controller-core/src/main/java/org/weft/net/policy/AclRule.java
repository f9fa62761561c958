package org.weft.net.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * One ACL rule. Rules are tried in ascending {@code order} (then id), the first that matches
 * decides; traffic no rule matches is allowed.
 *
 * @param id unique name: letters, digits, {@code . _ -}, at most 64
 * @param order position in the list, 0..9999
 */
public record AclRule(String id, Action action, int order, PolicyMatch match) {

    /** Largest {@code order}. */
    public static final int MAX_ORDER = 9999;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public enum Action {
        ALLOW,
        DENY
    }

    public AclRule {
        checkNotNull(action, "action");
        checkNotNull(match, "match");
        checkId(id);
        if (order < 0 || order > MAX_ORDER) {
            throw PolicyException.invalid("order " + order + " out of range 0.." + MAX_ORDER);
        }
    }

    /**
     * @throws PolicyException of kind INVALID when the id is not a valid name
     */
    public static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw PolicyException.invalid(
                    "id '" + id + "' must be 1..64 letters, digits, '.', '_' or '-'");
        }
    }
}
