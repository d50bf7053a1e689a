package io.atta.core.command;

import io.atta.core.trade.TradeKind;

/**
 * On the buyer's shard: pays a trade bound to this buyer by holding its amount, a pending
 * transfer from the buyer's wallet to the shard's escrow account (an instant trade's hold is
 * released to the seller in the same command). Carries what the buyer's shard needs of the
 * trade and of its merchant, read at the edge from their shards; the trade's terms do not change
 * after creation, nor a merchant's settlement account. A payment of an order opened through the
 * Alipay gateway carries the gateway's terms besides: {@link PayGatewayTrade}.
 *
 * @param payDeadline         when the trade stops being payable (ns since the epoch)
 * @param goodsType           a {@link io.atta.core.trade.GoodsType} code
 * @param fundingSource       0: the wallet balance (the only source so far)
 * @param feeRatePpm          the merchant's platform fee, parts per million, fixed at payment
 * @param kind                a {@link TradeKind} code
 * @param refundWindowSeconds an instant trade's refund window, from payment; 0 for escrow
 * @param subject             the order's subject
 * @param createdAt           when the order was created (ns since the epoch), or 0
 */
public record PayTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long buyerWalletId,
                       long amount, int ledger, int goodsType, long payDeadline, long merchantSettlementAccountId,
                       int feeRatePpm, int fundingSource, boolean notifyMerchant, int kind, long refundWindowSeconds,
                       String subject, long createdAt) implements Command {
    public static final int fundingWallet = 0;
    /**
     * A {@code payDeadline} that says the trade's order is on this same shard, created in the same
     * log entry just before (a payment whose buyer is known when the order is opened): the
     * deadline and the order's creation time are the order's, and its terms must be this command's.
     */
    public static final long deadlineOfOrderHere = Long.MIN_VALUE;

    /** An escrow payment of the REST API. */
    public PayTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long buyerWalletId,
                    long amount, int ledger, int goodsType, long payDeadline, long merchantSettlementAccountId,
                    int feeRatePpm, int fundingSource, boolean notifyMerchant) {
        this(tradeNo, merchantId, outTradeNo, buyerUserId, buyerWalletId, amount, ledger, goodsType, payDeadline,
                merchantSettlementAccountId, feeRatePpm, fundingSource, notifyMerchant, TradeKind.escrow.code(), 0,
                "", 0);
    }

    /**
     * The payment with the order's gateway terms: this command when the order has none (no app and
     * no notify_url: a REST order), else a {@link PayGatewayTrade}.
     */
    public Command withGatewayTerms(long appId, String notifyUrl) {
        PayGatewayTrade.Terms terms = new PayGatewayTrade.Terms(appId, notifyUrl);
        return terms.isNone() ? this : new PayGatewayTrade(this, terms);
    }
}
