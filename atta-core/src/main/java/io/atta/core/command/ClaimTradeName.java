package io.atta.core.command;

/**
 * On the shard a trade's name number names (derived from the merchant and its out_trade_no, as
 * an unbound order's trade number is): claims that name for {@code tradeNo}, a trade placed on
 * its buyer's shard. The claim keeps out_trade_no unique per merchant wherever the trade lives
 * and lets a query by out_trade_no find it. A claim of the same trade again is answered
 * {@code exists}; a name claimed by, or an order of, another trade refuses it
 * ({@code exists_with_different_fields}). It moves no money and records no history.
 *
 * @param nameNo  the name number: the first 63 bits of SHA-256({@code "trade:<merchant>:<out_trade_no>"})
 * @param tradeNo the trade it names: {@code nameNo} with the buyer's slot in bits 53–62
 */
public record ClaimTradeName(long nameNo, long tradeNo) implements Command {
}
