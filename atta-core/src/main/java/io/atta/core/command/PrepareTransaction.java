package io.atta.core.command;

/**
 * Asks a participant shard to prepare its pieces of a transaction: pending transfers against
 * its in-transit house account, all or nothing. Repeating it answers the first vote again. One
 * result per leg: all {@code ok} is a yes vote.
 *
 * <p>With {@code decides}, sent when the transaction has this one participant besides its
 * coordinator, the participant's answer is the decision (docs/TRANSACTIONS.md): a yes posts the
 * pieces at once, a refusal is recorded, and a repeat answers the same either way.
 */
public record PrepareTransaction(int coordinator, long txId, CreateTransfer[] legs, boolean decides) implements Command {
    /** A prepare that only votes; the coordinator decides. */
    public PrepareTransaction(int coordinator, long txId, CreateTransfer[] legs) {
        this(coordinator, txId, legs, false);
    }

    @Override
    public int resultCount() {
        return legs.length;
    }
}
