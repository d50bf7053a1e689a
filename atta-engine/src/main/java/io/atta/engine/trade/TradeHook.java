package io.atta.engine.trade;

import io.atta.core.command.Result;

/**
 * A module that takes part in a trade's payment and refunds on the buyer's shard (a product
 * sold with the trade: return-shipping insurance), registered with
 * {@link TradeModule#addHook}. The trade package knows no product: it tells every hook, inside
 * the group of transfers that pays or refunds, and a hook posts its own transfers in that group
 * so that they stand or fall with the trade's.
 *
 * <p>Both methods run inside a group the trade opened ({@link io.atta.engine.ledger.Postings#begin}):
 * post with {@link io.atta.engine.ledger.Postings#transfer} only, never begin or end a group, and
 * log how to take back every change to the module's own state on
 * {@link io.atta.engine.shard.ShardServices#undo()}, as the group may still be rolled back.
 */
public interface TradeHook {
    /**
     * The trade's amount is held (escrow) or, for an instant trade, about to be paid. A result
     * other than ok refuses the payment: the trade's group is rolled back and the payer gets that
     * result.
     */
    default Result paid(HookedTrade t, long ts) {
        return Result.ok;
    }

    /**
     * {@code amount} of the trade went back to the buyer; {@code shipped} when the seller had
     * shipped it first (a return). Cannot refuse: the refund was decided before.
     */
    default void refunded(HookedTrade t, long amount, boolean shipped, long ts) {
    }
}
