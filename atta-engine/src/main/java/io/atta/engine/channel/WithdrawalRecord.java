package io.atta.engine.channel;

/**
 * A withdrawal as its user's shard keeps it. {@code withdrawalId} is also the id of its pending
 * transfer (wallet to the channel's clearing account).
 *
 * @param expiresAt when an unanswered withdrawal is voided (ns since the epoch)
 * @param resolvedAt when it was confirmed, failed or expired (ns), 0 while pending
 * @param channelRef the channel's reference given with its answer, empty until then
 */
public record WithdrawalRecord(long withdrawalId, long channelId, long userId, long walletAccountId, long amount,
                               int ledger, String requestId, WithdrawalStatus status, long createdAt,
                               long expiresAt, long resolvedAt, String channelRef) {
}
