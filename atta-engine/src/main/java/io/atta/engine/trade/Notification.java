package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * A merchant notification waiting in a shard's outbox: what happened to which trade, and where
 * its delivery stands. It leaves the outbox when delivered or abandoned. In the trade module's
 * outbox it is a webhook of the merchant; the gateway module keeps the notifications of trades
 * with a notify_url in its own, with what its format needs besides.
 *
 * @param seq           its number in this shard's one notification sequence (the trade and the
 *                      gateway outboxes share it), increasing
 * @param status        the trade's status right after the event (a gateway notification may tell
 *                      it otherwise, as Alipay does)
 * @param amount        the money the event moved, or 0
 * @param attempts      deliveries tried so far
 * @param nextAttemptAt when to try next (ns); the event's time before the first attempt
 */
public record Notification(long seq, long merchantId, long tradeNo, String outTradeNo, TradeEventType event,
                           TradeStatus status, long refundId, long amount, int ledger, long at, int attempts,
                           long nextAttemptAt) {
}
