package io.atta.core.command;

/**
 * Asks a participant shard to prepare its pieces of a transaction: pending transfers against
 * its in-transit house account, all or nothing. Repeating it answers the first vote again. One
 * result per leg: all {@code ok} is a yes vote.
 */
public record PrepareTransaction(int coordinator, long txId, CreateTransfer[] legs) implements Command {
    @Override
    public int resultCount() {
        return legs.length;
    }
}
