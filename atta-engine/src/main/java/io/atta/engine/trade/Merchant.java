package io.atta.engine.trade;

/**
 * A merchant: a user of this shard that sells through escrow trades. Settlement sweeps its
 * receivables on every buyer's shard into {@code settlementAccountId}; its webhooks go to
 * {@code webhookUrl} (empty: none), signed with {@code webhookSecret}.
 */
public record Merchant(long merchantId, long settlementAccountId, int feeRatePpm, String name, String webhookUrl,
                       String webhookSecret, long createdAt) {
}
