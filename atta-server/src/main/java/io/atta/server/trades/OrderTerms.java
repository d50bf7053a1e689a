package io.atta.server.trades;

import io.atta.core.Currency;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.engine.trade.OrderView;

/**
 * What the edge needs of a trade's order to route and pay it: the terms, which never change,
 * and the buyer, which never changes once bound. Whether the order was closed is left out on
 * purpose: the ledger answers that ({@code trade_closed}) where it matters.
 *
 * @param buyerUserId the bound buyer, or 0 while any buyer may pay
 * @param appId       the Alipay gateway app that created it, or 0
 * @param notifyUrl   where its Alipay notifications go, or ""
 * @param createdAt   when it was created (ns)
 */
public record OrderTerms(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount, int ledger,
                         GoodsType goodsType, long payDeadline, boolean notifyMerchant, TradeKind kind, long appId,
                         String notifyUrl, String subject, long createdAt) {

    static OrderTerms of(OrderView o) {
        return new OrderTerms(o.tradeNo(), o.merchantId(), o.outTradeNo(), o.buyerUserId(), o.amount(), o.ledger(),
                o.goodsType(), o.payDeadline(), o.notifyMerchant(), o.kind(), o.appId(), o.notifyUrl(), o.subject(),
                o.createdAt());
    }

    public boolean bound() {
        return buyerUserId != 0;
    }

    public Currency currency() {
        return Currency.ofLedger(ledger);
    }

    OrderTerms withBuyer(long buyer) {
        return new OrderTerms(tradeNo, merchantId, outTradeNo, buyer, amount, ledger, goodsType, payDeadline,
                notifyMerchant, kind, appId, notifyUrl, subject, createdAt);
    }
}
