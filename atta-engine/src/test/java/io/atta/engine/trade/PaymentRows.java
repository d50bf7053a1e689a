package io.atta.engine.trade;

import io.atta.core.Funding;
import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.wealth.FundResults;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.bind;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.by;
import static io.atta.engine.trade.TradeWorld.closeUnpaid;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.otherBuyer;
import static io.atta.engine.trade.TradeWorld.otherBuyerWallet;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.poorBuyer;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.stranger;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.CreateTrade;
import io.atta.core.trade.TradeStatus;
import java.util.List;

/** The table's rows for paying a trade on the buyer's shard, and for recording an unpaid close there. */
final class PaymentRows {
    private PaymentRows() {
    }

    static List<TradeRow> rows() {
        return List.of(
                row("the bound buyer pays: the amount is held from its wallet in escrow").given(w -> w.bound(T1))
                        .when(pay(T1, buyer)).expect(ok).money(funds - price, price, 0, 0)
                        .status(T1, TradeStatus.WAIT_SELLER_SEND_GOODS).then(w -> {
                            TradeView t = w.trade(T1);
                            assertThat(t.held()).isEqualTo(price);
                            assertThat(t.paidAt()).isEqualTo(w.ledger.lastTimestamp());
                            assertThat(w.account(buyerWallet).debitsPending()).isEqualTo(price);
                            assertThat(w.account(buyerWallet).balance()).as("nothing posted yet").isEqualTo(funds);
                            assertThat(w.ledger.openPendingCount()).isEqualTo(1);
                        }),
                row("an open order is bound, then paid").given(w -> w.unpaid(T1))
                        .when(bind(T1, buyer), pay(T1, buyer)).expect(ok, ok).money(funds - price, price, 0, 0),
                row("paying exactly at the deadline").given(w -> w.bound(T1).at(w.order(T1).payDeadline()))
                        .when(pay(T1, buyer)).expect(ok).money(funds - price, price, 0, 0),
                row("paying twice holds once").given(w -> w.paid(T1)).when(pay(T1, buyer)).expect(exists),
                row("another buyer pays a trade already paid").given(w -> w.paid(T1)).when(pay(T1, otherBuyer))
                        .expect(trade_buyer_mismatch)
                        .then(w -> assertThat(w.available(otherBuyerWallet)).isEqualTo(funds)),
                row("a merchant paying its own open order").given(w -> w.unpaid(T1))
                        .when(pay(T1, TradeWorld.seller)).expect(buyer_is_seller)
                        .then(w -> assertThat(w.trade(T1)).isNull()),
                row("paying after the deadline").given(w -> w.bound(T1).at(w.order(T1).payDeadline() + 1))
                        .when(pay(T1, buyer)).expect(trade_pay_timed_out),
                row("paying a trade recorded as closed unpaid").given(w -> w.bound(T1).ok(closeUnpaid(T1)))
                        .when(pay(T1, buyer), pay(T1, otherBuyer)).expect(trade_closed, trade_closed),
                row("paying from a funding source no module serves").given(w -> w.bound(T1))
                        .when((TradeWorld.Step) w -> w.payCommand(T1, buyer, buyerWallet, TradeModel.unservedFunding))
                        .expect(funding_source_unsupported),
                row("paying from the fund holding no units: the wallet does not pay instead").given(w -> w.bound(T1))
                        .when((TradeWorld.Step) w -> w.payCommand(T1, buyer, buyerWallet, Funding.fund.code()))
                        .expect(FundResults.insufficient_units)
                        .then(w -> assertThat(w.trade(T1)).isNull()),
                row("not enough in the wallet").given(w -> w.ok(TradeWorld.createTrade(T1, poorBuyer)))
                        .when(pay(T1, poorBuyer)).expect(insufficient_funds)
                        .then(w -> assertThat(w.trade(T1)).isNull()),
                row("paying from another user's wallet").given(w -> w.bound(T1))
                        .when((TradeWorld.Step) w -> w.payCommand(T1, buyer, otherBuyerWallet, 0))
                        .expect(debit_account_not_owned),
                row("a USD trade paid from a CNY wallet")
                        .given(w -> w.ok(new CreateTrade(T1, TradeWorld.seller, "usd", buyer, price, TradeWorld.usd, 0,
                                TradeWorld.payTimeoutSeconds, true, "")))
                        .when(pay(T1, buyer)).expect(currency_mismatch),

                row("the seller records that an unpaid trade was closed").given(w -> w.bound(T1))
                        .when(closeUnpaid(T1)).expect(ok).status(T1, TradeStatus.TRADE_CLOSED)
                        .then(w -> assertThat(w.trade(T1).paidAt()).isZero()),
                row("the platform records it; again is a repeat").given(w -> w.bound(T1))
                        .when(by(0, closeUnpaid(T1)), closeUnpaid(T1)).expect(ok, exists),
                row("a stranger may not close a trade").given(w -> w.bound(T1)).when(by(stranger, closeUnpaid(T1)))
                        .expect(trade_party_invalid),
                row("closing a paid trade").given(w -> w.paid(T1)).when(closeUnpaid(T1), by(0, closeUnpaid(T1)))
                        .expect(trade_status_invalid, trade_status_invalid)
                        .status(T1, TradeStatus.WAIT_SELLER_SEND_GOODS),

                row("no command may name a trade's transfers (platform ids), so the buyer cannot void its hold")
                        .given(w -> w.paid(T1))
                        .when((TradeWorld.Step) w -> new CreateTransfer(900, 0, 0, 0, 0, 0, TransferFlags.voidPending,
                                        TradeHoldSafetyTest.holdOf(w, T1), 0, 0, buyer),
                                (TradeWorld.Step) w -> new CreateTransfer(-900, TradeWorld.escrow, buyerWallet, 1,
                                        TradeWorld.cny, 1, 0, 0, 0, 0, 0))
                        .expect(transfer_id_reserved, transfer_id_reserved).money(funds - price, price, 0, 0)
                        .status(T1, TradeStatus.WAIT_SELLER_SEND_GOODS),
                row("the platform's escrow account cannot be closed").given(w -> w.paid(T1))
                        .when((TradeWorld.Step) w -> new CloseAccount(TradeWorld.escrow, 0))
                        .expect(account_platform_owned).money(funds - price, price, 0, 0));
    }
}
