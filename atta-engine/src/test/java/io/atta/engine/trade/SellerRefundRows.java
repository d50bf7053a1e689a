package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.T2;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.sellerRefund;
import static io.atta.engine.trade.TradeWorld.stranger;
import static io.atta.engine.trade.TradeWorld.windowSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import java.util.List;

/**
 * The table's rows for the seller's immediate refund (the gateway's refund): on instant trades,
 * on escrow trades before and after release, and its refusals.
 */
final class SellerRefundRows {
    /** An instant trade once 2,500 of it went back: 15 of the fee of 60, 2,485 from the seller. */
    private static final long receivableAfter2500 = price - priceFee - 2_485;

    private SellerRefundRows() {
    }

    static List<TradeRow> rows() {
        return List.of(
                row("the seller refunds part of an instant trade: from its receivable and the fee's share")
                        .given(w -> w.instantPaid(T1)).when(sellerRefund(T1, R1, 2_500)).expect(ok)
                        .money(funds - price + 2_500, 0, receivableAfter2500, priceFee - 15)
                        .status(T1, TradeStatus.TRADE_SUCCESS).refund(T1, R1, RefundStatus.refunded).then(w -> {
                            RefundView r = w.refund(T1, R1);
                            assertThat(r.outRequestNo()).isEqualTo("req-" + R1);
                            assertThat(r.reason()).isEqualTo("out of stock");
                            assertThat(r.requestedAt()).isEqualTo(w.ledger.lastTimestamp());
                            assertThat(r.resolvedAt()).isEqualTo(r.requestedAt());
                            assertThat(w.trade(T1).refunded()).isEqualTo(2_500);
                            assertThat(w.trade(T1).events()).last().extracting(TradeEvent::type, TradeEvent::refundId,
                                    TradeEvent::amount).containsExactly(TradeEventType.refunded, R1, 2_500L);
                        }),
                row("refunding all of an instant trade closes it and gives the whole fee back")
                        .given(w -> w.instantPaid(T1).ok(sellerRefund(T1, R1, 2_500)))
                        .when(sellerRefund(T1, R2, price - 2_500)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED)
                        .then(w -> assertThat(w.ledger.trades().nextDueAt()).as("no window left to end")
                                .isEqualTo(Long.MAX_VALUE)),
                row("the seller refunds part of an escrow trade before release: from the hold")
                        .given(w -> w.shipped(T1)).when(sellerRefund(T1, R1, 2_500)).expect(ok)
                        .money(funds - price + 2_500, price - 2_500, 0, 0)
                        .status(T1, TradeStatus.WAIT_BUYER_CONFIRM_GOODS).then(w -> {
                            assertThat(w.trade(T1).confirmAt()).as("the confirm clock runs on").isNotZero();
                            assertThat(w.ledger.openPendingCount()).isEqualTo(1);
                        }),
                row("refunding all of an escrow trade before release closes it")
                        .given(w -> w.paid(T1)).when(sellerRefund(T1, R1, price)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED)
                        .then(w -> assertThat(w.ledger.openPendingCount()).isZero()),
                row("the seller refunds part of a finished escrow trade: from its receivable")
                        .given(w -> w.finished(T1)).when(sellerRefund(T1, R1, 2_500)).expect(ok)
                        .money(funds - price + 2_500, 0, receivableAfter2500, priceFee - 15)
                        .status(T1, TradeStatus.TRADE_FINISHED),
                row("refunding all of a finished escrow trade closes it").given(w -> w.finished(T1))
                        .when(sellerRefund(T1, R1, price)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED),
                row("the same refund id again, with the same or another amount, is a repeat that moves nothing")
                        .given(w -> w.instantPaid(T1).ok(sellerRefund(T1, R1, 2_500)))
                        .when(sellerRefund(T1, R1, 2_500), sellerRefund(T1, R1, 1_000))
                        .expect(exists, exists)
                        .then(w -> assertThat(w.trade(T1).refunded()).isEqualTo(2_500)),
                row("refunding more than remains").given(w -> w.instantPaid(T1).ok(sellerRefund(T1, R1, 2_500)))
                        .when(sellerRefund(T1, R2, price - 2_500 + 1)).expect(refund_exceeds_remaining),
                row("refunding nothing").given(w -> w.instantPaid(T1))
                        .when(sellerRefund(T1, R1, 0), sellerRefund(T1, R2, -1))
                        .expect(amount_must_not_be_zero, amount_must_not_be_zero),
                row("too many refunds").given(w -> {
                    w.instantPaid(T1);
                    for (int i = 0; i < TradeLimits.maxRefundsPerTrade; i++) {
                        w.ok(sellerRefund(T1, 600 + i, 100));
                    }
                }).when(sellerRefund(T1, R1, 100)).expect(too_many_refunds),
                row("neither the buyer nor a stranger refunds as the seller").given(w -> w.instantPaid(T1))
                        .when(by(buyer, sellerRefund(T1, R1, 100)), by(stranger, sellerRefund(T1, R1, 100)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("the platform may refund for the seller").given(w -> w.instantPaid(T1))
                        .when(by(0, sellerRefund(T1, R1, price))).expect(ok).money(funds, 0, 0, 0),
                row("while the buyer's request is open").given(w -> w.instantPaid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(sellerRefund(T1, R2, 100)).expect(refund_in_progress),
                row("after the refund window ended, neither the seller nor the buyer gets a refund")
                        .given(w -> w.instantPaid(T1).advanceSeconds(windowSeconds).tick())
                        .when(sellerRefund(T1, R1, 100), requestRefund(T1, R2, 100))
                        .expect(refund_window_ended, refund_window_ended).status(T1, TradeStatus.TRADE_FINISHED),
                row("a trade refunded in full, or closed unpaid").given(w -> w.instantPaid(T1)
                                .ok(sellerRefund(T1, R1, price)).bound(T2).ok(TradeWorld.closeUnpaid(T2)))
                        .when(sellerRefund(T1, R2, 1), sellerRefund(T2, R2, 1)).expect(trade_closed, trade_closed),
                row("refunding an unknown trade").when(sellerRefund(T1, R1, 1)).expect(trade_not_found));
    }
}
