package io.atta.core.command;

import io.atta.core.trade.TradeKind;

/**
 * Creates an unpaid trade on the shard its number names (the number is derived from the
 * merchant and {@code outTradeNo}, so a retried create names the same trade). A buyer given here
 * is the only one who may pay it; 0 leaves it open to the first buyer who pays.
 *
 * @param goodsType      a {@link io.atta.core.trade.GoodsType} ordinal
 * @param notifyMerchant whether the merchant wants its webhooks of this trade's changes
 * @param appId          the Alipay gateway app that created it, or 0 (REST)
 * @param notifyUrl      where the trade's Alipay notifications go ({@code trade_status_sync}),
 *                       or "": a trade with one gets those instead of the merchant's webhooks
 * @param returnUrl      where the cashier page sends the buyer after paying, or ""
 * @param kind           a {@link TradeKind} ordinal
 */
public record CreateTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount,
                          int ledger, int goodsType, int payTimeoutSeconds, boolean notifyMerchant, String subject,
                          long appId, String notifyUrl, String returnUrl, int kind)
        implements Command {
    /** An escrow trade of the REST API: no app, no Alipay notifications, no return URL. */
    public CreateTrade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount, int ledger,
                       int goodsType, int payTimeoutSeconds, boolean notifyMerchant, String subject) {
        this(tradeNo, merchantId, outTradeNo, buyerUserId, amount, ledger, goodsType, payTimeoutSeconds,
                notifyMerchant, subject, 0, "", "", TradeKind.escrow.code());
    }
}
