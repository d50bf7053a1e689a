package io.atta.core.command;

/**
 * On the payer's shard: a funding source other than the wallet ({@link io.atta.core.Funding})
 * puts {@code amount} into the user's wallet for the payment named by {@code reference} (its
 * transfer id), the first step of a payment that a cross-shard transaction makes next. Once per
 * reference: a repeat answers {@code exists} and moves nothing.
 */
public record FundWallet(int funding, long userId, long amount, int ledger, long reference) implements Command {
}
