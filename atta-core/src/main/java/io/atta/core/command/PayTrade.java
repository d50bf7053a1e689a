package io.atta.core.command;

/**
 * On the buyer's shard: pays a trade bound to this buyer by holding its amount, a pending
 * transfer from the buyer's wallet to the shard's escrow account. Carries what the buyer's shard
 * needs of the trade and of its merchant, read at the edge from their shards; the trade's terms
 * do not change after creation, nor a merchant's settlement account.
 *
 * @param payDeadline   when the trade stops being payable (ns since the epoch)
 * @param goodsType     a {@link io.atta.core.trade.GoodsType} ordinal
 * @param fundingSource 0: the wallet balance (the only source so far)
 * @param feeRatePpm    the merchant's platform fee, parts per million, fixed at payment
 */
public record PayTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long buyerWalletId,
                       long amount, int ledger, int goodsType, long payDeadline, long merchantSettlementAccountId,
                       int feeRatePpm, int fundingSource, boolean notifyMerchant) implements Command {
    public static final int fundingWallet = 0;
}
