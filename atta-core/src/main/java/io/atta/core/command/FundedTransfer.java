package io.atta.core.command;

/**
 * On the payer's shard: a plain transfer out of a user's wallet, paid by a funding source other
 * than the wallet ({@link io.atta.core.Funding}): the source puts the amount into the wallet and
 * the transfer moves it on, all or nothing, in one command (a P2P payment with
 * {@code funding_source: "fund"} between users of one shard). A repeat of the transfer's id
 * answers as the transfer's repeat does and funds nothing.
 *
 * @param funding  a {@link io.atta.core.Funding} code other than the wallet's
 * @param transfer the payment: no flags, debiting the payer's wallet
 */
public record FundedTransfer(int funding, CreateTransfer transfer) implements Command {
}
