package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;

import java.util.ArrayList;
import java.util.List;

/** A trade on its own shard, as {@link TradeBook} holds it (see {@link OrderView}). */
final class Order {
    final long tradeNo;
    final long merchantId;
    final String outTradeNo;
    long buyerUserId;
    final long amount;
    final int ledger;
    final GoodsType goodsType;
    final int payTimeoutSeconds;
    final boolean notifyMerchant;
    final String subject;
    final long createdAt;
    final long payDeadline;
    final long appId;
    final String notifyUrl;
    final String returnUrl;
    final TradeKind kind;
    long closedAt;
    final ArrayList<TradeEvent> events = new ArrayList<>(2);
    /** Its bytes in the archive when a command brought it back from there, else null (never archived). */
    byte[] archivedBytes;

    Order(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount, int ledger,
          GoodsType goodsType, int payTimeoutSeconds, boolean notifyMerchant, String subject, long createdAt,
          long appId, String notifyUrl, String returnUrl, TradeKind kind) {
        this.tradeNo = tradeNo;
        this.merchantId = merchantId;
        this.outTradeNo = outTradeNo;
        this.buyerUserId = buyerUserId;
        this.amount = amount;
        this.ledger = ledger;
        this.goodsType = goodsType;
        this.payTimeoutSeconds = payTimeoutSeconds;
        this.notifyMerchant = notifyMerchant;
        this.subject = subject;
        this.createdAt = createdAt;
        this.payDeadline = createdAt + payTimeoutSeconds * 1_000_000_000L;
        this.appId = appId;
        this.notifyUrl = notifyUrl;
        this.returnUrl = returnUrl;
        this.kind = kind;
    }

    /** True when its notifications are the Alipay gateway's, not the merchant's webhooks. */
    boolean notifiesGateway() {
        return !notifyUrl.isEmpty();
    }

    boolean isClosed() {
        return closedAt != 0;
    }

    OrderView view() {
        return new OrderView(tradeNo, merchantId, outTradeNo, buyerUserId, amount, ledger, goodsType,
                payTimeoutSeconds, notifyMerchant, subject, createdAt, payDeadline, closedAt, List.copyOf(events), appId,
                notifyUrl, returnUrl, kind);
    }
}
