package io.atta.engine.ledger;

/**
 * A transaction this shard has prepared pieces for and not yet resolved, coordinated by another
 * shard. Held without a timeout: if the decision is slow to come, the participant asks the
 * coordinator rather than guess.
 */
public record PreparedTransaction(int coordinator, long txId, long preparedAt) {
}
