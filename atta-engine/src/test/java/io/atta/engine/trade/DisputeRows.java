package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.cancel;
import static io.atta.engine.trade.TradeWorld.decide;
import static io.atta.engine.trade.TradeWorld.dispute;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.reject;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.seller;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.RecordDelivery;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import java.util.List;

/** The table's rows for disputes and the operator's decisions, and for recording notification deliveries. */
final class DisputeRows {
    private DisputeRows() {
    }

    static List<TradeRow> rows() {
        return List.of(
                row("the buyer escalates an unanswered request").given(w -> w.paid(T1)
                                .ok(requestRefund(T1, R1, 2_500)))
                        .when(dispute(T1, R1)).expect(ok).refund(T1, R1, RefundStatus.disputed),
                row("the buyer escalates a rejected request").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 2_500))
                                .ok(reject(T1, R1)))
                        .when(dispute(T1, R1)).expect(ok).refund(T1, R1, RefundStatus.disputed),
                row("escalating again").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(dispute(T1, R1)))
                        .when(dispute(T1, R1)).expect(exists),
                row("escalating a cancelled, refunded or denied request")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(cancel(T1, R1))
                                .ok(requestRefund(T1, R2, 100)).ok(agree(T1, R2))
                                .ok(requestRefund(T1, 504, 100)).ok(dispute(T1, 504)).ok(decide(T1, 504, false)))
                        .when(dispute(T1, R1), dispute(T1, R2), dispute(T1, 504))
                        .expect(refund_status_invalid, refund_status_invalid, refund_status_invalid),
                row("escalating a rejected request while another is open")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(reject(T1, R1))
                                .ok(requestRefund(T1, R2, 100)))
                        .when(dispute(T1, R1)).expect(refund_in_progress),
                row("escalating a rejected request for more than remains")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 8_000)).ok(reject(T1, R1))
                                .ok(requestRefund(T1, R2, 5_000)).ok(agree(T1, R2)))
                        .when(dispute(T1, R1)).expect(refund_exceeds_remaining),
                row("escalating a rejected request of a trade since refunded in full")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(reject(T1, R1))
                                .ok(requestRefund(T1, R2, price)).ok(agree(T1, R2)))
                        .when(dispute(T1, R1)).expect(trade_closed),
                row("escalating an unknown request").given(w -> w.paid(T1)).when(dispute(T1, R1))
                        .expect(refund_not_found),
                row("the seller may not escalate").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(by(seller, dispute(T1, R1))).expect(trade_party_invalid),

                row("the operator decides for the buyer: the money goes back")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 2_500)).ok(dispute(T1, R1)))
                        .when(decide(T1, R1, true)).expect(ok).money(funds - price + 2_500, price - 2_500, 0, 0)
                        .refund(T1, R1, RefundStatus.refunded),
                row("the operator decides for the buyer after release")
                        .given(w -> w.finished(T1).ok(requestRefund(T1, R1, price)).ok(dispute(T1, R1)))
                        .when(decide(T1, R1, true)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED),
                row("the operator decides for the seller: nothing moves")
                        .given(w -> w.finished(T1).ok(requestRefund(T1, R1, 2_500)).ok(dispute(T1, R1)))
                        .when(decide(T1, R1, false)).expect(ok).money(funds - price, 0, price - priceFee, priceFee)
                        .refund(T1, R1, RefundStatus.denied).then(w -> {
                            assertThat(w.refund(T1, R1).sellerReason()).isEqualTo("as described");
                            assertThat(w.trade(T1).events()).extracting(TradeEvent::type)
                                    .endsWith(TradeEventType.dispute_denied);
                        }),
                row("deciding again the same way")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(dispute(T1, R1))
                                .ok(decide(T1, R1, true)).ok(requestRefund(T1, R2, 100)).ok(dispute(T1, R2))
                                .ok(decide(T1, R2, false)))
                        .when(decide(T1, R1, true), decide(T1, R2, false)).expect(exists, exists),
                row("deciding again the other way")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(dispute(T1, R1))
                                .ok(decide(T1, R1, true)).ok(requestRefund(T1, R2, 100)).ok(dispute(T1, R2))
                                .ok(decide(T1, R2, false)))
                        .when(decide(T1, R1, false), decide(T1, R2, true))
                        .expect(refund_status_invalid, refund_status_invalid),
                row("deciding a request nobody escalated").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(decide(T1, R1, true), decide(T1, R1, false))
                        .expect(refund_status_invalid, refund_status_invalid),
                row("neither the buyer nor the seller decides")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(dispute(T1, R1)))
                        .when(by(buyer, decide(T1, R1, true)), by(seller, decide(T1, R1, false)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("deciding an unknown request or trade").given(w -> w.paid(T1))
                        .when(decide(T1, R1, true), decide(TradeWorld.T2, R1, true))
                        .expect(refund_not_found, trade_not_found),

                row("a notification delivered leaves the outbox").given(w -> w.paid(T1))
                        .when(new RecordDelivery(1, RecordDelivery.Outcome.delivered, 0)).expect(ok)
                        .then(w -> assertThat(w.ledger.trades().outboxSize()).isZero()),
                row("a notification to retry stays, with its next attempt")
                        .given(w -> w.paid(T1)).when(new RecordDelivery(1, RecordDelivery.Outcome.retry, 42L))
                        .expect(ok).then(w -> assertThat(w.ledger.trades().notificationsDue(42L, 10)).singleElement()
                                .satisfies(n -> {
                                    assertThat(n.attempts()).isEqualTo(1);
                                    assertThat(n.nextAttemptAt()).isEqualTo(42L);
                                })),
                row("a notification abandoned leaves the outbox and is counted").given(w -> w.paid(T1))
                        .when(new RecordDelivery(1, RecordDelivery.Outcome.abandoned, 0)).expect(ok).then(w -> {
                            assertThat(w.ledger.trades().outboxSize()).isZero();
                            assertThat(w.ledger.trades().abandonedNotifications()).isEqualTo(1);
                        }),
                row("recording a delivery of an unknown or delivered notification")
                        .given(w -> w.paid(T1).ok(new RecordDelivery(1, RecordDelivery.Outcome.delivered, 0)))
                        .when(new RecordDelivery(1, RecordDelivery.Outcome.delivered, 0),
                                new RecordDelivery(2, RecordDelivery.Outcome.retry, 0))
                        .expect(notification_not_found, notification_not_found));
    }
}
