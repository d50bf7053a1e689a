package io.atta.core.command;

/**
 * On the trade's own shard: names the buyer who pays an unpaid trade. The first buyer wins; the
 * same buyer again is answered {@code exists}.
 */
public record BindTradeBuyer(long tradeNo, long buyerUserId) implements Command {
}
