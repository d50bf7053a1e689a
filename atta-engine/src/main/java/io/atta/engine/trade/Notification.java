package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * A merchant notification waiting in a shard's outbox: what happened to which trade, and where
 * its delivery stands. It leaves the outbox when delivered or abandoned. It is either a webhook
 * of the merchant ({@code gateway} null) or an Alipay gateway notification of a trade that has a
 * notify_url ({@code gateway} set).
 *
 * @param seq           its number in this shard's outbox, increasing
 * @param status        the trade's status right after the event; for a gateway notification of a
 *                      refund that left nothing to refund, {@code TRADE_CLOSED} (the trade closes
 *                      in the same command, and Alipay tells that refund with the closed status)
 * @param amount        the money the event moved, or 0
 * @param attempts      deliveries tried so far
 * @param nextAttemptAt when to try next (ns); the event's time before the first attempt
 * @param gateway       what the gateway's notification needs, or null for a webhook
 */
public record Notification(long seq, long merchantId, long tradeNo, String outTradeNo, TradeEventType event,
                           TradeStatus status, long refundId, long amount, int ledger, long at, int attempts,
                           long nextAttemptAt, GatewayNotice gateway) {
}
