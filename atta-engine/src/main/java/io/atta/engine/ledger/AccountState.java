package io.atta.engine.ledger;

/** A read-only copy of an account and its balances at one applied point. */
public record AccountState(long id, long ownerUserId, int ledger, int code, int flags, long userData, long timestamp,
                           long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {

    /** Credit-normal balance (what a wallet holds): posted credits less posted debits. */
    public long balance() {
        return creditsPosted - debitsPosted;
    }

    /** What can still be debited: the balance less debits reserved by pending transfers. */
    public long available() {
        return creditsPosted - debitsPosted - debitsPending;
    }
}
