package io.atta.core.trade;

/**
 * What happened to a trade: its timeline's entries and its merchants' notifications
 * ({@code trade.paid} and so on in the API).
 */
public enum TradeEventType {
    created,
    bound_to_buyer,
    paid,
    shipped,
    confirm_extended,
    confirmed,
    auto_confirmed,
    closed,
    auto_closed,
    refund_requested,
    refund_rejected,
    refund_cancelled,
    refund_disputed,
    refunded,
    refund_auto_granted,
    dispute_denied,
    /** An instant trade's refund window ended: it is {@code TRADE_FINISHED}. */
    refund_window_ended;

    /** The name in the API and in notifications: {@code trade.<name>}. */
    public String apiName() {
        return "trade." + name();
    }
}
