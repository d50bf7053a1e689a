package io.atta.core.command;

/**
 * Starts a cross-shard transaction on its coordinator, the shard of {@code legs[0]}'s debit
 * account (docs/ARCHITECTURE.md §5): records the transaction as preparing and prepares this shard's
 * own pieces of the legs, all or nothing. {@code txId} is the first leg's id;
 * {@code participants} is the bit set of the other shards that hold pieces. One result per leg.
 */
public record BeginTransaction(long txId, long participants, CreateTransfer[] legs) implements Command {
    @Override
    public int resultCount() {
        return legs.length;
    }
}
