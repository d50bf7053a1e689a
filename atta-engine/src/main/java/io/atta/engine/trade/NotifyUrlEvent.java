package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * An event of a trade opened with a notify_url, as its {@link NotifyUrlHook} is told it: the
 * trade's terms and totals right after the event, so that the notification can be rendered from
 * it alone, without reading the trade again (which may have moved on).
 *
 * @param status             the trade's status right after the event
 * @param eventAmount        the money the event moved, or 0
 * @param refundOutRequestNo the out_request_no of the refund the event made, or ""
 * @param createdAt          when the order was created (ns since the epoch)
 * @param paidAt             when it was paid (ns), or 0
 * @param refundedTotal      everything refunded of the trade after the event (minor units)
 */
public record NotifyUrlEvent(long tradeNo, long merchantId, String outTradeNo, TradeEventType type,
                             TradeStatus status, long refundId, long eventAmount, int ledger, long at, long appId,
                             String notifyUrl, String subject, long buyerUserId, long amount, long createdAt,
                             long paidAt, long refundedTotal, String refundOutRequestNo) {
}
