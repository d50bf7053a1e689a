package io.atta.core.insurance;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Who pays a trade's insurance premium (a return-shipping product's setting). */
public enum PremiumPayer implements StableCode {
    /** The buyer, from its wallet, with the payment. */
    buyer(0),
    /** The seller, from its receivable on the buyer's shard (settled from its settlement account). */
    seller(1);

    private static final CodeTable<PremiumPayer> byCode = new CodeTable<>(values());

    private final int code;

    PremiumPayer(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static PremiumPayer ofCode(int code) {
        return byCode.of(code);
    }

    public static boolean hasCode(int code) {
        return byCode.has(code);
    }

    /** The payer of an API name, or null. */
    public static PremiumPayer ofName(String name) {
        for (PremiumPayer p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
