package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.Ids;

/**
 * The platform's own accounts, one of each kind per shard and currency (ARCHITECTURE §4).
 * Their ids live in the reserved local range of the shard's home slot:
 * {@code local = kind.code << 8 | currency.ordinal()}.
 */
public enum HouseAccount {
    /** Where top-ups come from and withdrawals go: the platform's position at its banks. */
    bankFunding(1);

    private final int code;

    HouseAccount(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public long id(int homeSlot, Currency currency) {
        return Ids.compose(homeSlot, ((long) code << 8) | currency.ordinal());
    }

    /** The account code (type) house accounts carry. */
    public static final int accountCode = 9000;
}
