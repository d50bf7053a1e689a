package io.atta.core.command;

/**
 * Creates an unpaid escrow trade on the shard its number names (the number is derived from the
 * merchant and {@code outTradeNo}, so a retried create names the same trade). A buyer given here
 * is the only one who may pay it; 0 leaves it open to the first buyer who pays.
 *
 * @param goodsType      a {@link io.atta.core.trade.GoodsType} ordinal
 * @param notifyMerchant       whether the merchant wants notifications of this trade's changes
 */
public record CreateTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount,
                          int ledger, int goodsType, int payTimeoutSeconds, boolean notifyMerchant, String subject)
        implements Command {
}
