package io.atta.engine.ledger;

import io.atta.core.AccountFlags;

/**
 * An account as the state machine holds it. Balances change only by applying transfers; only
 * the owning shard's apply thread writes them.
 */
public final class Account {
    final long id;
    final long ownerUserId;
    final int ledger;
    final int code;
    int flags;
    final long userData;
    final long timestamp;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;

    Account(long id, long ownerUserId, int ledger, int code, int flags, long userData, long timestamp) {
        this.id = id;
        this.ownerUserId = ownerUserId;
        this.ledger = ledger;
        this.code = code;
        this.flags = flags;
        this.userData = userData;
        this.timestamp = timestamp;
    }

    boolean isClosed() {
        return (flags & AccountFlags.closed) != 0;
    }

    public AccountState state() {
        return new AccountState(id, ownerUserId, ledger, code, flags, userData, timestamp, debitsPending, debitsPosted,
                creditsPending, creditsPosted);
    }
}
