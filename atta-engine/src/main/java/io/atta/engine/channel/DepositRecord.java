package io.atta.engine.channel;

/** A deposit as its user's shard keeps it: the transfer and the channel's own reference. */
public record DepositRecord(long transferId, long channelId, long userId, long walletAccountId, long amount,
                            int ledger, String channelRef, long createdAt) {
}
