package io.atta.core.command;

import io.atta.core.trade.TradeOp;

/**
 * One action on a trade after its payment (or a close of an unpaid one); see {@link TradeOp}
 * for what each takes. {@code actingUserId} is who asks: the buyer or the seller, 0 for the
 * platform (operator), which may do anything. Unused fields are 0 or empty.
 */
public record TradeAction(long tradeNo, TradeOp op, long actingUserId, long refundId, long amount, String text1,
                          String text2) implements Command {
    public TradeAction {
        text1 = text1 == null ? "" : text1;
        text2 = text2 == null ? "" : text2;
    }
}
