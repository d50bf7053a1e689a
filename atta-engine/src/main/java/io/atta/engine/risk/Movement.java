package io.atta.engine.risk;

/** One user-initiated movement as the rules read it; reused from movement to movement on the apply thread. */
final class Movement {
    long userId;
    long debitAccountId;
    long payeeAccountId;
    long amount;
    int ledger;
    long deviceHash;
    long ipHigh;
    long ipLow;
    long ts;
    /** When the user was created (ns), or the movement's time when unknown. */
    long userCreatedAt;

    boolean hasAddress() {
        return (ipHigh | ipLow) != 0;
    }
}
