package io.atta.engine.ledger;

/** A user: the wallet account created with it and the SHA-256 of its API token. */
public record User(long id, long walletAccountId, long tokenHash0, long tokenHash1, long tokenHash2,
                   long tokenHash3, long timestamp) {
}
