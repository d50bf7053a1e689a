package io.atta.server.auth;

import io.atta.core.auth.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles a route admits, as {@code Routes} declares them next to each route and
 * docs/SECURITY.md tabulates them (a test keeps the two equal). What a role may do within a
 * route (its own objects only) is checked by the handler.
 */
public final class Roles {
    public static final Set<Role> admin = EnumSet.of(Role.admin);
    /** A channel's own business read by the channel or an operator (its statement, its withdrawals). */
    public static final Set<Role> channel = EnumSet.of(Role.admin, Role.channel);
    /**
     * Money entering or leaving the platform: only a channel confirms it (an operator adjusts
     * with a reason through the admin routes instead).
     */
    public static final Set<Role> channelOnly = EnumSet.of(Role.channel);
    public static final Set<Role> merchant = EnumSet.of(Role.admin, Role.merchant);
    /** Users and merchants (a merchant is a user with a shop: its own wallet and accounts are its too). */
    public static final Set<Role> holder = EnumSet.of(Role.admin, Role.merchant, Role.user);
    /** A fund's daily income: its manager's fund manager key, or an operator. */
    public static final Set<Role> fundManager = EnumSet.of(Role.admin, Role.fund_manager);
    /** An insurer's statement: its insurer key, or an operator. */
    public static final Set<Role> insurer = EnumSet.of(Role.admin, Role.insurer);
    /** The platform's committed changes, read by finance tools (docs/REPORTING.md) or an operator. */
    public static final Set<Role> reporting = EnumSet.of(Role.admin, Role.reporting);
    /** Every key. */
    public static final Set<Role> any = EnumSet.allOf(Role.class);

    private Roles() {
    }

    public static String names(Set<Role> roles) {
        StringBuilder b = new StringBuilder();
        for (Role r : roles) {
            b.append(b.length() == 0 ? "" : ", ").append(r.apiName());
        }
        return b.toString();
    }
}
