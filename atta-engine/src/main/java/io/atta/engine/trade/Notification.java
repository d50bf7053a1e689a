package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * A merchant notification waiting in a shard's outbox: what happened to which trade, and where
 * its delivery stands. It leaves the outbox when delivered or abandoned.
 *
 * @param seq           its number in this shard's outbox, increasing
 * @param status        the trade's status right after the event
 * @param amount        the money the event moved, or 0
 * @param attempts      deliveries tried so far
 * @param nextAttemptAt when to try next (ns); the event's time before the first attempt
 */
public record Notification(long seq, long merchantId, long tradeNo, String outTradeNo, TradeEventType event,
                           TradeStatus status, long refundId, long amount, int ledger, long at, int attempts,
                           long nextAttemptAt) {
}
