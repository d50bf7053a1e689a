package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.dayNs;
import static io.atta.engine.trade.TradeWorld.extend;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.secondNs;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.ship;
import static io.atta.engine.trade.TradeWorld.stranger;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.AccountState;
import java.util.List;

/** The table's rows for shipping, confirming receipt and extending the confirm clock. */
final class ShipmentRows {
    private static final long week = 7L * 24 * 3600;

    private ShipmentRows() {
    }

    static List<TradeRow> rows() {
        return List.of(
                row("the seller ships: the confirm clock starts").given(w -> w.paid(T1)).when(ship(T1)).expect(ok)
                        .status(T1, TradeStatus.WAIT_BUYER_CONFIRM_GOODS).then(w -> {
                            TradeView t = w.trade(T1);
                            assertThat(t.shippedAt()).isEqualTo(w.ledger.lastTimestamp());
                            assertThat(t.confirmAt()).isEqualTo(t.shippedAt() + 10 * dayNs);
                            assertThat(t.carrier() + " " + t.trackingNo()).isEqualTo("SF Express SF1001");
                        }),
                row("shipping again with the same tracking number, before and after receipt")
                        .given(w -> w.shipped(T1)).when(ship(T1), confirm(T1), ship(T1)).expect(exists, ok, exists)
                        .money(funds - price, 0, price - priceFee, priceFee),
                row("shipping again with another tracking number").given(w -> w.shipped(T1))
                        .when(ship(T1, "SF2002")).expect(trade_status_invalid),
                row("shipping a finished trade with another tracking number").given(w -> w.finished(T1))
                        .when(ship(T1, "SF2002")).expect(trade_status_invalid),
                row("neither the buyer nor a stranger ships").given(w -> w.paid(T1))
                        .when(by(buyer, ship(T1)), by(stranger, ship(T1)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("shipping an unpaid or unknown trade").given(w -> w.bound(T1)).when(ship(T1))
                        .expect(trade_not_found),
                row("shipping a trade refunded in full").given(w -> w.paid(T1).ok(requestRefund(T1, R1, price))
                                .ok(agree(T1, R1)))
                        .when(ship(T1)).expect(trade_closed),

                row("the buyer confirms: the hold is released to the receivable, less the fee")
                        .given(w -> w.shipped(T1)).when(confirm(T1)).expect(ok)
                        .money(funds - price, 0, price - priceFee, priceFee)
                        .status(T1, TradeStatus.TRADE_FINISHED).then(w -> {
                            TradeView t = w.trade(T1);
                            assertThat(t.released()).isEqualTo(price);
                            assertThat(t.fee()).isEqualTo(priceFee);
                            assertThat(t.confirmAt()).isZero();
                            assertThat(w.ledger.trades().receivables()).singleElement().satisfies(r -> {
                                AccountState a = w.account(r.accountId());
                                assertThat(a.ownerUserId()).as("owned by the platform").isZero();
                                assertThat(a.code()).isEqualTo(TradeMoney.receivableCode);
                                assertThat(r.settlementAccountId()).isEqualTo(TradeWorld.sellerSettlement);
                            });
                            assertThat(w.account(TradeWorld.buyerWallet).balance()).isEqualTo(funds - price);
                            assertThat(w.ledger.openPendingCount()).isZero();
                        }),
                row("the platform confirms").given(w -> w.shipped(T1)).when(by(0, confirm(T1))).expect(ok)
                        .money(funds - price, 0, price - priceFee, priceFee),
                row("confirming again").given(w -> w.finished(T1)).when(confirm(T1)).expect(exists),
                row("confirming before shipment").given(w -> w.paid(T1)).when(confirm(T1))
                        .expect(trade_status_invalid),
                row("confirming while a refund request is open").given(w -> w.shipped(T1)
                                .ok(requestRefund(T1, R1, 100)))
                        .when(confirm(T1)).expect(refund_in_progress),
                row("neither the seller nor a stranger confirms").given(w -> w.shipped(T1))
                        .when(by(seller, confirm(T1)), by(stranger, confirm(T1)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("confirming a trade refunded in full").given(w -> w.paid(T1).ok(requestRefund(T1, R1, price))
                                .ok(agree(T1, R1)))
                        .when(confirm(T1)).expect(trade_closed),
                row("confirming an unknown trade").when(confirm(T1)).expect(trade_not_found),

                row("the seller extends the confirm clock").given(w -> w.shipped(T1)).when(extend(T1, week))
                        .expect(ok).then(w -> {
                            TradeView t = w.trade(T1);
                            assertThat(t.confirmAt()).isEqualTo(t.shippedAt() + 17 * dayNs);
                            assertThat(t.extendedSeconds()).isEqualTo(week);
                        }),
                row("the longest extension").given(w -> w.shipped(T1))
                        .when(extend(T1, TradeLimits.maxConfirmExtensionSeconds)).expect(ok)
                        .then(w -> assertThat(w.trade(T1).confirmAt()).isEqualTo(w.trade(T1).shippedAt()
                                + 10 * dayNs + TradeLimits.maxConfirmExtensionSeconds * secondNs)),
                row("extending again by the same time is a repeat; by another is refused")
                        .given(w -> w.shipped(T1).ok(extend(T1, week))).when(extend(T1, week), extend(T1, week + 1))
                        .expect(exists, trade_status_invalid),
                row("extending by more than the limit, or by nothing").given(w -> w.shipped(T1)).when(
                                extend(T1, TradeLimits.maxConfirmExtensionSeconds + 1), extend(T1, 0),
                                extend(T1, -1))
                        .expect(confirm_extension_too_large, confirm_extension_too_large,
                                confirm_extension_too_large),
                row("extending before shipment or after receipt").given(w -> w.finished(T1).paid(TradeWorld.T2))
                        .when(extend(T1, week), extend(TradeWorld.T2, week))
                        .expect(trade_status_invalid, trade_status_invalid),
                row("the buyer may not extend").given(w -> w.shipped(T1)).when(by(buyer, extend(T1, week)))
                        .expect(trade_party_invalid),
                row("extending an unknown trade").when(extend(T1, week)).expect(trade_not_found));
    }
}
