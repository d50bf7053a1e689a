package io.atta.engine.ledger;

/**
 * An operator's adjustment as its user's shard keeps it: the transfer, which key made it and
 * why, so that every money action by an operator has a key and a reason on record.
 *
 * @param credit true for money into the wallet, false for money out of it
 * @param actingKeyId the admin key that made it (0: the node's bootstrap admin key)
 */
public record Adjustment(long transferId, long userId, long walletAccountId, long amount, int ledger, boolean credit,
                         long actingKeyId, String reason, long createdAt) {
}
