package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * How a trade pays its seller. One trade model serves both: the same order, payment, refunds,
 * notifications and settlement; only when the hold is released differs.
 */
public enum TradeKind implements StableCode {
    /**
     * Guaranteed payment (docs/PRODUCTS.md, "Escrow trade"): the money stays held until the
     * buyer confirms receipt or the auto-confirm clock runs out.
     */
    escrow(0),
    /**
     * Direct payment, as the Alipay Open Platform's trades are (docs/ALIPAY.md): the hold
     * is released to the seller's receivable, net of the fee, in the command that pays it. The
     * trade is {@link TradeStatus#TRADE_SUCCESS} and the seller may refund it until the refund
     * window ends, when it becomes {@link TradeStatus#TRADE_FINISHED}.
     */
    instant(1);

    private static final CodeTable<TradeKind> byCode = new CodeTable<>(values());

    private final int code;

    TradeKind(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static TradeKind ofCode(int code) {
        return byCode.of(code);
    }
}
