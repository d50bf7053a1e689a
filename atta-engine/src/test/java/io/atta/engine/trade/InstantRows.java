package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.app;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.cny;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.createGatewayTrade;
import static io.atta.engine.trade.TradeWorld.createInstant;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.notifyUrl;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.payTimeoutSeconds;
import static io.atta.engine.trade.TradeWorld.poorBuyer;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.returnUrl;
import static io.atta.engine.trade.TradeWorld.secondNs;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.ship;
import static io.atta.engine.trade.TradeWorld.windowSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.CreateTrade;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import java.util.List;

/** The table's rows for instant trades (paid to the seller at payment) and the gateway's order fields. */
final class InstantRows {
    private InstantRows() {
    }

    private static CreateTrade gatewayTrade(long appId, String notify, String ret, TradeKind kind) {
        return new CreateTrade(T1, seller, "out-" + T1, buyer, price, cny, GoodsType.virtual.code(),
                payTimeoutSeconds, true, "Longjing tea, 250 g", appId, notify, ret, kind.code());
    }

    static List<TradeRow> rows() {
        return List.of(
                row("a gateway order keeps its app, URLs and kind").when(createGatewayTrade(T1, 0, TradeKind.instant))
                        .expect(ok).then(w -> {
                            OrderView o = w.order(T1);
                            assertThat(o.appId()).isEqualTo(app);
                            assertThat(o.notifyUrl()).isEqualTo(notifyUrl);
                            assertThat(o.returnUrl()).isEqualTo(returnUrl);
                            assertThat(o.kind()).isEqualTo(TradeKind.instant);
                        }),
                row("the same gateway order again; with another app, notify URL, return URL or kind")
                        .given(w -> w.ok(createGatewayTrade(T1, buyer, TradeKind.instant)))
                        .when(createGatewayTrade(T1, buyer, TradeKind.instant),
                                gatewayTrade(app + 1, notifyUrl, returnUrl, TradeKind.instant),
                                gatewayTrade(app, notifyUrl + "?x", returnUrl, TradeKind.instant),
                                gatewayTrade(app, notifyUrl, "", TradeKind.instant),
                                gatewayTrade(app, notifyUrl, returnUrl, TradeKind.escrow))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields),
                row("an instant trade is paid to the seller at once, net of the fee")
                        .given(w -> w.ok(createInstant(T1, buyer))).when(pay(T1, buyer)).expect(ok)
                        .money(funds - price, 0, price - priceFee, priceFee).status(T1, TradeStatus.TRADE_SUCCESS)
                        .then(w -> {
                            TradeView t = w.trade(T1);
                            assertThat(t.kind()).isEqualTo(TradeKind.instant);
                            assertThat(t.paidAt()).isEqualTo(w.ledger.lastTimestamp());
                            assertThat(new long[] {t.held(), t.released(), t.fee()})
                                    .containsExactly(0, price, priceFee);
                            assertThat(t.refundWindowEndsAt()).isEqualTo(t.paidAt() + windowSeconds * secondNs);
                            assertThat(t.events()).extracting(TradeEvent::type).containsExactly(TradeEventType.paid);
                            assertThat(w.account(buyerWallet).balance()).isEqualTo(funds - price);
                            assertThat(w.ledger.openPendingCount()).as("the hold was posted").isZero();
                        }),
                row("the longest refund window is allowed")
                        .given(w -> w.ok(createInstant(T1, buyer)))
                        .when((TradeWorld.Step) w -> w.payCommand(T1, buyer, buyerWallet, 0,
                                TradeLimits.maxRefundWindowSeconds))
                        .expect(ok).money(funds - price, 0, price - priceFee, priceFee),
                row("an instant payment with no refund window, or one too long")
                        .given(w -> w.ok(createInstant(T1, buyer)))
                        .when((TradeWorld.Step) w -> w.payCommand(T1, buyer, buyerWallet, 0, 0),
                                (TradeWorld.Step) w -> w.payCommand(T1, buyer, buyerWallet, 0,
                                        TradeLimits.maxRefundWindowSeconds + 1))
                        .expect(timeout_too_large, timeout_too_large).then(w -> assertThat(w.trade(T1)).isNull()),
                row("an instant trade the buyer cannot pay moves nothing")
                        .given(w -> w.ok(new CreateTrade(T1, seller, "poor", poorBuyer, price, cny, 0,
                                payTimeoutSeconds, true, "", 0, "", "", TradeKind.instant.code())))
                        .when(pay(T1, poorBuyer)).expect(insufficient_funds)
                        .then(w -> assertThat(w.trade(T1)).isNull()),
                row("paying an instant trade twice pays once").given(w -> w.instantPaid(T1)).when(pay(T1, buyer))
                        .expect(exists).money(funds - price, 0, price - priceFee, priceFee),
                row("an instant trade is neither shipped nor confirmed").given(w -> w.instantPaid(T1))
                        .when(ship(T1), confirm(T1)).expect(trade_status_invalid, trade_status_invalid)
                        .money(funds - price, 0, price - priceFee, priceFee)
                        .status(T1, TradeStatus.TRADE_SUCCESS));
    }
}
