package io.atta.core.command;

/**
 * Makes an existing user of this shard a merchant: its settlement account (where settlement
 * sweeps its receivables), its platform fee in parts per million, and where its webhooks go.
 * The edge draws the webhook secret.
 */
public record CreateMerchant(long merchantId, long settlementAccountId, int feeRatePpm, String name,
                             String webhookUrl, String webhookSecret) implements Command {
}
