package io.atta.server.trades;

import io.atta.core.trade.TradeOp;
import io.atta.server.auth.Caller;

/**
 * Who may take which action on a trade: the seller ships, extends the confirm clock, answers
 * refunds, refunds at once and closes; the buyer confirms, asks for refunds and disputes; only an operator (the
 * admin key) decides disputes, and it may do everything else too. The edge checks this before
 * submitting, and the ledger checks it again ({@code trade_party_invalid}).
 */
final class TradeParties {
    private TradeParties() {
    }

    static boolean mayAct(Caller caller, TradeOp op, OrderTerms order) {
        if (caller.isAdmin()) {
            return true;
        }
        return switch (op) {
            case ship, extendConfirm, agreeRefund, rejectRefund, closeOrder, closeUnpaid, refund ->
                    caller.userId() == order.merchantId();
            case confirm, requestRefund, cancelRefund, dispute ->
                    order.bound() && caller.userId() == order.buyerUserId();
            case decideDispute -> false;
        };
    }

    /** True when the caller may see the trade: the admin, its seller or its bound buyer. */
    static boolean maySee(Caller caller, long merchantId, long buyerUserId) {
        return caller.isAdmin() || caller.userId() == merchantId || buyerUserId != 0 && caller.userId() == buyerUserId;
    }
}
