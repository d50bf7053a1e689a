package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.bind;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.closeOrder;
import static io.atta.engine.trade.TradeWorld.cny;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.feePpm;
import static io.atta.engine.trade.TradeWorld.foreignSlot;
import static io.atta.engine.trade.TradeWorld.otherBuyer;
import static io.atta.engine.trade.TradeWorld.payTimeoutSeconds;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.sellerSettlement;
import static io.atta.engine.trade.TradeWorld.stranger;
import static io.atta.engine.trade.TradeWorld.strangerAccount;
import static io.atta.engine.trade.TradeWorld.strangerWallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Ids;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeLimits;
import java.util.List;

/** The table's rows for merchants and for orders on the trade's own shard: create, bind, close. */
final class OrderRows {
    private static final long nobody = Ids.compose(5, Ids.firstUserLocalId + 99);

    private OrderRows() {
    }

    static List<TradeRow> rows() {
        return List.of(
                row("a user with an open account of its own becomes a merchant")
                        .when(new CreateMerchant(stranger, strangerAccount, 0, "Stall", "", "")).expect(ok)
                        .then(w -> assertThat(w.ledger.trades().merchant(stranger)).isNotNull()
                                .extracting(Merchant::settlementAccountId).isEqualTo(strangerAccount)),
                row("the highest fee rate is allowed")
                        .when(new CreateMerchant(stranger, strangerWallet, TradeLimits.maxFeeRatePpm, "Stall", "", ""))
                        .expect(ok),
                row("the same merchant again").when(TradeWorld.merchant()).expect(exists),
                row("the same merchant with other fields").when(
                                new CreateMerchant(seller, sellerSettlement, feePpm + 1, "Teahouse",
                                        "https://teahouse.example/notify", "secret"),
                                new CreateMerchant(seller, sellerSettlement, feePpm, "Tea house",
                                        "https://teahouse.example/notify", "secret"),
                                new CreateMerchant(seller, TradeWorld.sellerWallet, feePpm, "Teahouse",
                                        "https://teahouse.example/notify", "secret"),
                                new CreateMerchant(seller, sellerSettlement, feePpm, "Teahouse", "", "secret"))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields),
                row("a merchant named as the buyer of its own trade").when(createTrade(T1, seller))
                        .expect(buyer_is_seller).then(w -> assertThat(w.order(T1)).isNull()),
                row("a merchant binding itself to its own open order").given(w -> w.unpaid(T1))
                        .when(bind(T1, seller), bind(T1, buyer)).expect(buyer_is_seller, ok)
                        .then(w -> assertThat(w.order(T1).buyerUserId()).isEqualTo(buyer)),
                row("a merchant must be a user of this shard")
                        .when(new CreateMerchant(nobody, strangerAccount, 0, "Ghost", "", "")).expect(user_not_found),
                row("the settlement account must be the merchant's own, known and open")
                        .given(w -> w.ok(new CloseAccount(strangerAccount, stranger)))
                        .when(new CreateMerchant(stranger, buyerWallet, 0, "Stall", "", ""),
                                new CreateMerchant(stranger, Ids.compose(5, Ids.firstUserLocalId + 98), 0, "Stall", "",
                                        ""),
                                new CreateMerchant(stranger, strangerAccount, 0, "Stall", "", ""))
                        .expect(settlement_account_invalid, settlement_account_invalid, settlement_account_invalid),
                row("a fee rate over 10 % or below zero").when(
                                new CreateMerchant(stranger, strangerAccount, TradeLimits.maxFeeRatePpm + 1, "Stall",
                                        "", ""),
                                new CreateMerchant(stranger, strangerAccount, -1, "Stall", "", ""))
                        .expect(fee_rate_too_high, fee_rate_too_high),

                row("an order open to any buyer").when(createTrade(T1, 0)).expect(ok).then(w -> {
                    OrderView o = w.order(T1);
                    assertThat(o.buyerUserId()).isZero();
                    assertThat(o.payDeadline()).isEqualTo(o.createdAt() + payTimeoutSeconds * TradeWorld.secondNs);
                    assertThat(o.events()).extracting(TradeEvent::type).containsExactly(TradeEventType.created);
                    assertThat(w.trade(T1)).as("nothing on the buyer's side before payment").isNull();
                }),
                row("an order for one buyer").when(createTrade(T1, buyer)).expect(ok)
                        .then(w -> assertThat(w.ledger.trades().ordersOfBuyer(buyer, Long.MAX_VALUE, 10))
                                .extracting(OrderView::tradeNo).containsExactly(T1)),
                row("the same order again, also without naming its buyer").given(w -> w.bound(T1))
                        .when(createTrade(T1, buyer), createTrade(T1, 0)).expect(exists, exists),
                row("the same number with other terms").given(w -> w.bound(T1)).when(
                                createTrade(T1, buyer, 10_001, GoodsType.physical),
                                createTrade(T1, buyer, TradeWorld.price, GoodsType.virtual),
                                createTrade(T1, otherBuyer),
                                new CreateTrade(T1, seller, "other", buyer, TradeWorld.price, cny, 0, payTimeoutSeconds,
                                        true, "Longjing tea, 250 g"),
                                new CreateTrade(T1, seller, "out-" + T1, buyer, TradeWorld.price, cny, 0, 60, true,
                                        "Longjing tea, 250 g"),
                                new CreateTrade(T1, stranger, "out-" + T1, buyer, TradeWorld.price, cny, 0,
                                        payTimeoutSeconds, true, "Longjing tea, 250 g"))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields),
                row("a zero or negative amount")
                        .when(createTrade(T1, buyer, 0, GoodsType.physical), createTrade(T1, buyer, -1,
                                GoodsType.physical))
                        .expect(amount_must_not_be_zero, amount_must_not_be_zero),
                row("a ledger no currency has").when(new CreateTrade(T1, seller, "out", buyer, 100, 999, 0,
                        payTimeoutSeconds, true, "")).expect(currency_mismatch),
                row("a trade number this shard does not serve, or not positive").when(
                                createTrade(Ids.compose(foreignSlot, 1), buyer), createTrade(0, buyer),
                                createTrade(-T1, buyer))
                        .expect(accounts_on_different_shards, accounts_on_different_shards,
                                accounts_on_different_shards),

                row("the first buyer binds an open order").given(w -> w.unpaid(T1)).when(bind(T1, buyer)).expect(ok)
                        .then(w -> assertThat(w.order(T1).buyerUserId()).isEqualTo(buyer)),
                row("binding again: the same buyer is told it exists, another is refused")
                        .given(w -> w.bound(T1)).when(bind(T1, buyer), bind(T1, otherBuyer))
                        .expect(exists, trade_buyer_mismatch),
                row("binding an unknown trade").when(bind(T1, buyer)).expect(trade_not_found),
                row("binding a closed order").given(w -> w.unpaid(T1).ok(closeOrder(T1))).when(bind(T1, buyer))
                        .expect(trade_closed),
                row("binding after the pay deadline, before a tick closed the order")
                        .given(w -> w.unpaid(T1).advanceSeconds(payTimeoutSeconds)).when(bind(T1, buyer))
                        .expect(trade_pay_timed_out),
                row("binding after a tick closed the order")
                        .given(w -> w.unpaid(T1).advanceSeconds(payTimeoutSeconds).tick()).when(bind(T1, buyer))
                        .expect(trade_closed),

                row("the seller closes an unpaid order").given(w -> w.unpaid(T1)).when(closeOrder(T1)).expect(ok)
                        .then(w -> {
                            assertThat(w.order(T1).closedAt()).isEqualTo(w.ledger.lastTimestamp());
                            assertThat(w.order(T1).events()).extracting(TradeEvent::type)
                                    .containsExactly(TradeEventType.created, TradeEventType.closed);
                        }),
                row("the platform closes an unpaid order").given(w -> w.bound(T1))
                        .when(by(0, closeOrder(T1, buyer))).expect(ok),
                row("a close that found no buyer, on an order bound since").given(w -> w.bound(T1))
                        .when(closeOrder(T1)).expect(trade_status_invalid)
                        .then(w -> assertThat(w.order(T1).closedAt()).isZero()),
                row("closing a closed order again").given(w -> w.unpaid(T1).ok(closeOrder(T1)))
                        .when(closeOrder(T1)).expect(exists),
                row("neither the buyer nor a stranger closes an order").given(w -> w.bound(T1))
                        .when(by(buyer, closeOrder(T1)), by(stranger, closeOrder(T1)))
                        .expect(trade_party_invalid, trade_party_invalid),
                row("closing an unknown order").when(closeOrder(T1)).expect(trade_not_found));
    }
}
