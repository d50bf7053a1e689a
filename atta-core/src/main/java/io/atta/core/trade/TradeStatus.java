package io.atta.core.trade;

/** Where an escrow trade stands (docs/PRODUCTS.md); the API shows the names as they are. */
public enum TradeStatus {
    WAIT_BUYER_PAY,
    /** Paid: the buyer's money is held in escrow. */
    WAIT_SELLER_SEND_GOODS,
    /** Shipped: the auto-confirm clock runs (paused while a refund request is open). */
    WAIT_BUYER_CONFIRM_GOODS,
    /**
     * Confirmed: the held money was released to the seller's receivable, net of the fee. On an
     * instant trade: its refund window has ended.
     */
    TRADE_FINISHED,
    /** Unpaid and closed (timeout or closed by the seller), or fully refunded. */
    TRADE_CLOSED,
    /**
     * Paid, on an {@link TradeKind#instant} trade: released to the seller's receivable at payment;
     * the seller may refund it until the refund window ends ({@code TRADE_FINISHED}).
     */
    TRADE_SUCCESS
}
