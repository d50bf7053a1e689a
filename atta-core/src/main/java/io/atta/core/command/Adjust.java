package io.atta.core.command;

/**
 * An operator's adjustment of a user's wallet against the shard's bank-funding house account:
 * credit (money in, the old admin top-up) or debit (money out, the old admin withdraw). The
 * transfer is kept with who made it and why, so every money action by an operator has a key
 * and a reason on record.
 *
 * @param actingKeyId the admin key that made it (0: the node's bootstrap admin key)
 */
public record Adjust(long transferId, long userId, long amount, int ledger, boolean credit, long actingKeyId,
                     String reason) implements Command {
    public Adjust {
        reason = reason == null ? "" : reason;
    }
}
