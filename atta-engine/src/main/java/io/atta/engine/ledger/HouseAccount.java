package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;

/**
 * The platform's own accounts, one of each kind per shard and currency (docs/ARCHITECTURE.md §4), so
 * that a payment never needs another shard on its hot path. Their ids live in the reserved
 * local range of the shard's home slot: {@code local = kind.code << 8 | currency.code()}.
 *
 * <p>Every kind but {@link #inTransit} also has one global account per currency, on the shard
 * that owns slot {@link #globalHomeSlot}: settlement sweeps each shard's balance there.
 */
public enum HouseAccount {
    /** Where top-ups come from and withdrawals go: the platform's position at its banks. */
    bankFunding(1),
    /**
     * The other side of this shard's pieces of cross-shard transfers. Its pending balances are
     * the transactions in flight; its posted balance is the shard's net position against the
     * other shards, and those positions sum to zero across shards.
     */
    inTransit(2),
    /** Buyers' money held until the goods are confirmed. */
    escrow(3),
    /** The platform's fee income. */
    fees(4),
    /** Money on its way to its home account at the next settlement sweep. */
    settlement(5);

    /** The slot whose shard holds the global house accounts. */
    public static final int globalHomeSlot = 0;
    /** Added to a kind's code to name its global account. */
    private static final int globalCodeOffset = 0x80;
    /** The account code (type) house accounts carry. */
    public static final int accountCode = TransferCodes.houseAccount;

    private final int code;

    HouseAccount(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** This kind's account on the shard whose home slot is {@code homeSlot}. */
    public long id(int homeSlot, Currency currency) {
        return Ids.compose(homeSlot, ((long) code << 8) | currency.code());
    }

    /** True for the kinds that have a global account and are swept into it. */
    public boolean swept() {
        return this != inTransit;
    }

    /** The global account of this kind, on the shard that owns {@link #globalHomeSlot}. */
    public long globalId(Currency currency) {
        if (!swept()) {
            throw new IllegalStateException(this + " has no global account");
        }
        return Ids.compose(globalHomeSlot, ((long) (code + globalCodeOffset) << 8) | currency.code());
    }
}
