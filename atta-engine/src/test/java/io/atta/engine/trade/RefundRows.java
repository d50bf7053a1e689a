package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.R3;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.cancel;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.dayNs;
import static io.atta.engine.trade.TradeWorld.dispute;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.reject;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.ship;
import static io.atta.engine.trade.TradeWorld.stranger;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import java.util.List;

/** The table's rows for refund requests and the seller's and buyer's answers to them. */
final class RefundRows {
    private RefundRows() {
    }

    /**
     * A trade of 1,000 (fee 6) released, then refunds of 166 each, agreed, {@code agreed} times;
     * the next one (id 600 + agreed) requested when fewer than six are agreed.
     */
    private static TradeWorld smallRefundsAfterRelease(TradeWorld w, int agreed) {
        w.ok(TradeWorld.createTrade(T1, buyer, 1_000, GoodsType.physical)).ok(TradeWorld.pay(T1, buyer)).ok(ship(T1))
                .ok(confirm(T1));
        for (int i = 1; i <= agreed; i++) {
            w.ok(requestRefund(T1, 600 + i, 166)).ok(agree(T1, 600 + i));
        }
        if (agreed < 6) {
            w.ok(requestRefund(T1, 600 + agreed + 1, 166));
        }
        return w;
    }

    static List<TradeRow> rows() {
        return List.of(
                row("the buyer asks for part back: nothing moves yet").given(w -> w.paid(T1))
                        .when(requestRefund(T1, R1, 2_500)).expect(ok).refund(T1, R1, RefundStatus.requested)
                        .then(w -> {
                            RefundView r = w.refund(T1, R1);
                            assertThat(r.answerBy()).isEqualTo(r.requestedAt() + 5 * dayNs);
                            assertThat(r.outRequestNo()).isEqualTo("req-" + R1);
                        }),
                row("the same request again; the same id with other content").given(w -> w.paid(T1)
                                .ok(requestRefund(T1, R1, 2_500)))
                        .when(requestRefund(T1, R1, 2_500), requestRefund(T1, R1, 2_501),
                                new TradeAction(T1, io.atta.core.trade.TradeOp.requestRefund, buyer, R1, 2_500,
                                        "other reason", "req-" + R1))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields),
                row("a second request while one is open").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(requestRefund(T1, R2, 100)).expect(refund_in_progress),
                row("asking for more than was paid").given(w -> w.paid(T1)).when(requestRefund(T1, R1, price + 1))
                        .expect(refund_exceeds_remaining),
                row("asking for more than remains after a refund").given(w -> w.paid(T1)
                                .ok(requestRefund(T1, R1, 4_000)).ok(agree(T1, R1)))
                        .when(requestRefund(T1, R2, 6_001), requestRefund(T1, R3, 6_000))
                        .expect(refund_exceeds_remaining, ok),
                row("asking for nothing").given(w -> w.paid(T1))
                        .when(requestRefund(T1, R1, 0), requestRefund(T1, R2, -1))
                        .expect(amount_must_not_be_zero, amount_must_not_be_zero),
                row("too many requests").given(w -> {
                    w.paid(T1);
                    for (int i = 0; i < TradeLimits.maxRefundsPerTrade; i++) {
                        w.ok(requestRefund(T1, 600 + i, 100)).ok(cancel(T1, 600 + i));
                    }
                }).when(requestRefund(T1, R1, 100)).expect(too_many_refunds),
                row("asking a trade refunded in full").given(w -> w.paid(T1).ok(requestRefund(T1, R1, price))
                                .ok(agree(T1, R1)))
                        .when(requestRefund(T1, R2, 1)).expect(trade_closed),
                row("neither the seller nor a stranger asks").given(w -> w.paid(T1))
                        .when(by(seller, requestRefund(T1, R1, 1)), by(stranger, requestRefund(T1, R1, 1)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("asking an unknown trade").when(requestRefund(T1, R1, 1)).expect(trade_not_found),
                row("asking after receipt").given(w -> w.finished(T1)).when(requestRefund(T1, R1, 2_500))
                        .expect(ok),

                row("the seller agrees before release: the hold is voided and the rest held again")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 2_500))).when(agree(T1, R1)).expect(ok)
                        .money(funds - price + 2_500, price - 2_500, 0, 0).refund(T1, R1, RefundStatus.refunded)
                        .status(T1, TradeStatus.WAIT_SELLER_SEND_GOODS).then(w -> {
                            assertThat(w.trade(T1).held()).isEqualTo(price - 2_500);
                            assertThat(w.account(buyerWallet).debitsPending()).isEqualTo(price - 2_500);
                            assertThat(w.ledger.openPendingCount()).isEqualTo(1);
                        }),
                row("agreeing to everything before release closes the trade")
                        .given(w -> w.shipped(T1).ok(requestRefund(T1, R1, price))).when(agree(T1, R1)).expect(ok)
                        .money(funds, 0, 0, 0).status(T1, TradeStatus.TRADE_CLOSED).then(w -> {
                            assertThat(w.trade(T1).confirmAt()).isZero();
                            assertThat(w.ledger.openPendingCount()).isZero();
                        }),
                row("agreeing after release: from the receivable, with the fee's share from the fee account")
                        .given(w -> w.finished(T1).ok(requestRefund(T1, R1, 2_500))).when(agree(T1, R1)).expect(ok)
                        .money(funds - price + 2_500, 0, price - priceFee - 2_485, priceFee - 15)
                        .status(T1, TradeStatus.TRADE_FINISHED),
                row("agreeing to everything after release closes the trade and gives the whole fee back")
                        .given(w -> w.finished(T1).ok(requestRefund(T1, R1, price))).when(agree(T1, R1)).expect(ok)
                        .money(funds, 0, 0, 0).status(T1, TradeStatus.TRADE_CLOSED),
                row("a refund before release, the release of the rest, a refund after it")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 2_000)).ok(agree(T1, R1)).ok(ship(T1))
                                .ok(confirm(T1)).ok(requestRefund(T1, R2, 3_000)))
                        .when(agree(T1, R2)).expect(ok)
                        // 8,000 released at a fee of 48; 3,000 of it back: 18 of the fee, 2,982 from the seller.
                        .money(funds - price + 5_000, 0, 8_000 - 48 - 2_982, 48 - 18)
                        .then(w -> assertThat(w.trade(T1).released()).isEqualTo(8_000)),
                row("two refunds after release: the fee's share rounds down, the last one takes what is left")
                        .given(w -> w.ok(TradeWorld.createTrade(T1, buyer, 1_000, GoodsType.physical))
                                .ok(TradeWorld.pay(T1, buyer)).ok(ship(T1)).ok(confirm(T1))
                                .ok(requestRefund(T1, R1, 333)).ok(agree(T1, R1)).ok(requestRefund(T1, R2, 667)))
                        .when(agree(T1, R2)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED),
                row("many small refunds after release: the seller never gives back more than it received")
                        .given(w -> smallRefundsAfterRelease(w, 5)).when(agree(T1, 606)).expect(ok)
                        // Of the fee of 6 on 1,000, 996/1,000 goes back: 5, rounded down, on the whole.
                        .money(funds - 4, 0, 994 - (996 - 5), 6 - 5),
                row("many small refunds after release: the last one gives back exactly what it asks")
                        .given(w -> smallRefundsAfterRelease(w, 6).ok(requestRefund(T1, R1, 4)))
                        .when(agree(T1, R1)).expect(ok).money(funds, 0, 0, 0)
                        .status(T1, TradeStatus.TRADE_CLOSED),
                row("agreeing again").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(agree(T1, R1)))
                        .when(agree(T1, R1)).expect(exists),
                row("agreeing to a rejected, disputed or cancelled request")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(reject(T1, R1))
                                .ok(requestRefund(T1, R2, 100)).ok(cancel(T1, R2)).ok(requestRefund(T1, R3, 100))
                                .ok(dispute(T1, R3)))
                        .when(agree(T1, R1), agree(T1, R2), agree(T1, R3))
                        .expect(refund_status_invalid, refund_status_invalid, refund_status_invalid),
                row("agreeing to an unknown request, or on an unknown trade").given(w -> w.paid(T1))
                        .when(agree(T1, R1), agree(TradeWorld.T2, R1)).expect(refund_not_found, trade_not_found),
                row("neither the buyer nor a stranger agrees").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(by(buyer, agree(T1, R1)), by(stranger, agree(T1, R1)))
                        .expect(trade_party_invalid, trade_party_invalid),

                row("the seller rejects").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(reject(T1, R1)).expect(ok).refund(T1, R1, RefundStatus.rejected)
                        .then(w -> assertThat(w.refund(T1, R1).sellerReason()).isEqualTo("it was used")),
                row("rejecting again").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(reject(T1, R1)))
                        .when(reject(T1, R1)).expect(exists),
                row("rejecting a refunded or cancelled request")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(agree(T1, R1))
                                .ok(requestRefund(T1, R2, 100)).ok(cancel(T1, R2)))
                        .when(reject(T1, R1), reject(T1, R2)).expect(refund_status_invalid, refund_status_invalid),
                row("rejecting an unknown request").given(w -> w.paid(T1)).when(reject(T1, R1))
                        .expect(refund_not_found),
                row("the buyer may not reject").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(by(buyer, reject(T1, R1))).expect(trade_party_invalid),

                row("the buyer withdraws a request").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)))
                        .when(cancel(T1, R1)).expect(ok).refund(T1, R1, RefundStatus.cancelled),
                row("the buyer withdraws a dispute").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100))
                                .ok(dispute(T1, R1)))
                        .when(cancel(T1, R1)).expect(ok).refund(T1, R1, RefundStatus.cancelled),
                row("withdrawing again").given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(cancel(T1, R1)))
                        .when(cancel(T1, R1)).expect(exists),
                row("withdrawing a rejected or refunded request")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(reject(T1, R1))
                                .ok(requestRefund(T1, R2, 100)).ok(agree(T1, R2)))
                        .when(cancel(T1, R1), cancel(T1, R2)).expect(refund_status_invalid, refund_status_invalid),
                row("withdrawing an unknown request").given(w -> w.paid(T1)).when(cancel(T1, R1))
                        .expect(refund_not_found),
                row("the seller may not withdraw the buyer's request")
                        .given(w -> w.paid(T1).ok(requestRefund(T1, R1, 100))).when(by(seller, cancel(T1, R1)))
                        .expect(trade_party_invalid));
    }
}
