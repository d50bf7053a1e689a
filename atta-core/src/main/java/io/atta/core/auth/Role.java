package io.atta.core.auth;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

import java.util.Locale;

/**
 * What an API key may do (docs/SECURITY.md has the table of routes by role). The API shows each
 * as its lower-case name. Append only: roles travel in commands by ordinal.
 */
public enum Role implements StableCode {
    /** Operators: everything; every money action is logged with the acting key and a reason. */
    admin(0),
    /** A bank or payment-channel integration: the only key that confirms money entering or leaving. */
    channel(1),
    /** A merchant: its own trades, apps and settlement, and its own wallet as a user. */
    merchant(2),
    /** A user: its own wallet, accounts and objects. */
    user(3),
    /** A fund manager, owned by the manager user of its funds: publishes their daily income, nothing else. */
    fund_manager(4),
    /**
     * Finance and reporting tools: read only, the whole platform's committed changes
     * ({@code GET /v1/changes}, docs/REPORTING.md) and nothing else. No owner.
     */
    reporting(5),
    /** A lender (partner bank) of consumer loans: reads its own funding, exposure, income and loans. */
    lender(6),
    /** An insurer, owned by the insurer's own user: reads its statements (docs/INSURANCE.md), nothing else. */
    insurer(7);

    private static final CodeTable<Role> byCode = new CodeTable<>(values());

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static Role ofCode(int code) {
        return byCode.of(code);
    }

    /** True when {@code code} names a role. */
    public static boolean hasCode(int code) {
        return byCode.has(code);
    }

    /** The API's names, for an error message: {@code admin, channel, …}. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (Role r : values()) {
            s.append(s.isEmpty() ? "" : ", ").append(r.apiName());
        }
        return s.toString();
    }

    /** The role of an API name, or null when there is none. */
    public static Role ofName(String name) {
        for (Role r : values()) {
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
