package io.atta.core.trade;

/**
 * How a trade pays its seller. One trade model serves both: the same order, payment, refunds,
 * notifications and settlement; only when the hold is released differs.
 */
public enum TradeKind {
    /**
     * Guaranteed payment (docs/PRODUCTS.md, "Escrow trade"): the money stays held until the
     * buyer confirms receipt or the auto-confirm clock runs out.
     */
    escrow,
    /**
     * Direct payment, as the Alipay Open Platform's trades are (docs/ALIPAY.md): the hold
     * is released to the seller's receivable, net of the fee, in the command that pays it. The
     * trade is {@link TradeStatus#TRADE_SUCCESS} and the seller may refund it until the refund
     * window ends, when it becomes {@link TradeStatus#TRADE_FINISHED}.
     */
    instant
}
