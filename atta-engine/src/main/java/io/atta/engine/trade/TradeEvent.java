package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;

/**
 * One entry of a trade's timeline.
 *
 * @param refundId the refund it concerns, or 0
 * @param amount   the money it moved or asked for (minor units), or 0
 * @param note     the carrier and tracking number, a reason, or empty
 */
public record TradeEvent(long at, TradeEventType type, long refundId, long amount, String note) {
}
