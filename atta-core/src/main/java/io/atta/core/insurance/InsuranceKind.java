package io.atta.core.insurance;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** What an insurance product covers (docs/INSURANCE.md); its API name is the enum's name. */
public enum InsuranceKind implements StableCode {
    /** Sold with an escrow trade; a refund after shipment pays the buyer's return shipping at once. */
    return_shipping(0),
    /** Bought by a user; covers losses from a stolen account, claimed within the window, paid when approved. */
    account_security(1),
    /** Joined by members; approved claims are shared equally among the members at the end of each period. */
    mutual_aid(2);

    private static final CodeTable<InsuranceKind> byCode = new CodeTable<>(values());

    private final int code;

    InsuranceKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static InsuranceKind ofCode(int code) {
        return byCode.of(code);
    }

    public static boolean hasCode(int code) {
        return byCode.has(code);
    }

    /** The kind of an API name, or null. */
    public static InsuranceKind ofName(String name) {
        for (InsuranceKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
