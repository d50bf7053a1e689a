package io.atta.engine.channel;

/** Where a withdrawal stands. The API shows the names. */
public enum WithdrawalStatus {
    /** Held: the money is reserved in the wallet until the channel answers or the timeout passes. */
    pending,
    /** The channel paid it out: the pending transfer was posted. */
    confirmed,
    /** The channel could not: the pending transfer was voided, the money is back. */
    failed,
    /** Nobody answered before the timeout: voided, the money is back. */
    expired
}
