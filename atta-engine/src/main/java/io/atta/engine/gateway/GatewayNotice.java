package io.atta.engine.gateway;

/**
 * What an Alipay gateway notification ({@code trade_status_sync}) needs of its trade beyond what
 * every {@link io.atta.engine.trade.Notification} carries, read from the trade when the event
 * happened: the gateway renders and signs it from this alone, without reading the trade again
 * (which may have moved on).
 *
 * @param notifyUrl     where it goes: the order's notify_url
 * @param totalAmount   the trade's amount (minor units)
 * @param createdAt     when the order was created (ns since the epoch)
 * @param paidAt        when it was paid (ns), or 0 if it was not
 * @param refundedTotal everything refunded of the trade after the event (minor units)
 * @param outRequestNo  the out_request_no of the refund the event made, or ""
 */
public record GatewayNotice(long appId, String notifyUrl, String subject, long buyerUserId, long totalAmount,
                            long createdAt, long paidAt, long refundedTotal, String outRequestNo) {
}
