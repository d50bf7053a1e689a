package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * What happened to a trade: its timeline's entries and its merchants' notifications
 * ({@code trade.paid} and so on in the API).
 */
public enum TradeEventType implements StableCode {
    created(0),
    bound_to_buyer(1),
    paid(2),
    shipped(3),
    confirm_extended(4),
    confirmed(5),
    auto_confirmed(6),
    closed(7),
    auto_closed(8),
    refund_requested(9),
    refund_rejected(10),
    refund_cancelled(11),
    refund_disputed(12),
    refunded(13),
    refund_auto_granted(14),
    dispute_denied(15),
    /** An instant trade's refund window ended: it is {@code TRADE_FINISHED}. */
    refund_window_ended(16);

    private static final CodeTable<TradeEventType> byCode = new CodeTable<>(values());

    private final int code;

    TradeEventType(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static TradeEventType ofCode(int code) {
        return byCode.of(code);
    }

    /** The name in the API and in notifications: {@code trade.<name>}. */
    public String apiName() {
        return "trade." + name();
    }
}
