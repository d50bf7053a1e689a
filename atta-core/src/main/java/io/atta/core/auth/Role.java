package io.atta.core.auth;

import java.util.Locale;

/**
 * What an API key may do (docs/SECURITY.md has the table of routes by role). The API shows each
 * as its lower-case name. Append only: roles travel in commands by ordinal.
 */
public enum Role {
    /** Operators: everything; every money action is logged with the acting key and a reason. */
    admin,
    /** A bank or payment-channel integration: the only key that confirms money entering or leaving. */
    channel,
    /** A merchant: its own trades, apps and settlement, and its own wallet as a user. */
    merchant,
    /** A user: its own wallet, accounts and objects. */
    user;

    private static final Role[] byCode = values();

    public static Role ofCode(int code) {
        return byCode[code];
    }

    /** The role of an API name, or null when there is none. */
    public static Role ofName(String name) {
        for (Role r : byCode) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
