package io.atta.server.trades;

import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.TradeView;

/**
 * A trade as the API shows it: its order (from the shard its number names) merged with its
 * record on the buyer's shard, which exists once it was paid, or closed while bound.
 *
 * @param trade           the buyer's shard's record, or null
 * @param orderShardNow   the order shard's last applied time, or the ledger's clock when later
 *                        (ns): an unpaid trade's deadline is judged by the ledger's time
 * @param merchantFeeRatePpm the merchant's fee rate, which a payment fixes on the trade
 */
record TradeState(OrderView order, TradeView trade, long orderShardNow, int merchantFeeRatePpm) {

    boolean paid() {
        return trade != null && trade.paidAt() != 0;
    }

    TradeStatus status() {
        if (trade != null) {
            return trade.status();
        }
        if (order.closedAt() != 0 || pastPayDeadline()) {
            return TradeStatus.TRADE_CLOSED;
        }
        return TradeStatus.WAIT_BUYER_PAY;
    }

    /** Unpaid and past its deadline: no payment can be taken any more, closed record or not. */
    boolean pastPayDeadline() {
        return !paid() && orderShardNow > order.payDeadline();
    }

    int feeRatePpm() {
        return paid() ? trade.feeRatePpm() : merchantFeeRatePpm;
    }

    /** When it closed: its record's close, else an unpaid trade's deadline once passed; 0 if open. */
    long closedAt() {
        if (trade != null && trade.closedAt() != 0) {
            return trade.closedAt();
        }
        if (order.closedAt() != 0) {
            return order.closedAt();
        }
        return trade == null && pastPayDeadline() ? order.payDeadline() : 0;
    }
}
