package io.atta.core.command;

/**
 * Tells the coordinator that every participant has resolved a decided transaction, so it no
 * longer needs driving; its outcome stays in the shard's history for retries.
 */
public record FinishTransaction(long txId) implements Command {
}
