package io.atta.engine.lending;

import io.atta.core.DerivedIds;

import java.util.LinkedHashMap;

/**
 * A lender (partner bank) as this shard sees it: its two accounts here and what it has lent and
 * received here. Changed only by {@link LoanCommands}; the module checks after every command,
 * where assertions are on, that the accounts agree with these totals.
 */
final class Lender {
    final long lenderId;
    final String name;
    final int ledger;
    final long createdAt;
    final long fundingAccount;
    final long incomeAccount;

    /** Channel deposits into the funding account here. */
    long deposited;
    /** Principal lent here and not yet repaid: the lender's exposure on this shard. */
    long exposure;
    long disbursed;
    long principalRepaid;
    long interestReceived;
    long penaltiesReceived;
    long loans;
    /** Deposits by transfer id, in arrival order: {channelId, amount, ts} and the channel's reference. */
    final LinkedHashMap<Long, LenderDeposit> deposits = new LinkedHashMap<>();

    record LenderDeposit(long transferId, long channelId, long amount, String channelRef, long createdAt) {
    }

    Lender(long lenderId, String name, int ledger, long createdAt, int homeSlot) {
        this.lenderId = lenderId;
        this.name = name;
        this.ledger = ledger;
        this.createdAt = createdAt;
        this.fundingAccount = accountId(lenderId, "funding", homeSlot);
        this.incomeAccount = accountId(lenderId, "income", homeSlot);
    }

    static long accountId(long lenderId, String kind, int homeSlot) {
        return DerivedIds.platformId(homeSlot, "lender-account:" + lenderId + ":" + kind);
    }
}
