package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Where an escrow trade stands (docs/PRODUCTS.md); the API shows the names as they are. */
public enum TradeStatus implements StableCode {
    WAIT_BUYER_PAY(0),
    /** Paid: the buyer's money is held in escrow. */
    WAIT_SELLER_SEND_GOODS(1),
    /** Shipped: the auto-confirm clock runs (paused while a refund request is open). */
    WAIT_BUYER_CONFIRM_GOODS(2),
    /**
     * Confirmed: the held money was released to the seller's receivable, net of the fee. On an
     * instant trade: its refund window has ended.
     */
    TRADE_FINISHED(3),
    /** Unpaid and closed (timeout or closed by the seller), or fully refunded. */
    TRADE_CLOSED(4),
    /**
     * Paid, on an {@link TradeKind#instant} trade: released to the seller's receivable at payment;
     * the seller may refund it until the refund window ends ({@code TRADE_FINISHED}).
     */
    TRADE_SUCCESS(5);

    private static final CodeTable<TradeStatus> byCode = new CodeTable<>(values());

    private final int code;

    TradeStatus(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static TradeStatus ofCode(int code) {
        return byCode.of(code);
    }
}
