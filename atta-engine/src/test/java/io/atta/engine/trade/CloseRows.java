package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.action;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.cny;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.payTimeoutSeconds;
import static io.atta.engine.trade.TradeWorld.poorBuyer;
import static io.atta.engine.trade.TradeWorld.poorBuyerWallet;
import static io.atta.engine.trade.TradeWorld.poorFunds;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.sellerSettlement;
import static io.atta.engine.trade.TradeWorld.sellerWallet;
import static io.atta.engine.trade.TradeWorld.ship;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.AccountFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.Tick;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.core.trade.TradeStatus;
import java.util.List;
import java.util.function.Consumer;

/**
 * The table's rows for closing accounts that trades still need: a merchant's settlement account,
 * and a wallet whose owner buys or sells in a trade that may still move money. The poor buyer
 * spends all it has, so that only the trade keeps its wallet open.
 */
final class CloseRows {
    private CloseRows() {
    }

    private static CreateTrade poorTrade(TradeKind kind) {
        return new CreateTrade(T1, seller, "out-" + T1, poorBuyer, poorFunds, cny, GoodsType.physical.code(),
                payTimeoutSeconds, true, "a cup of tea", 0, "", "", kind.code());
    }

    static List<TradeRow> rows() {
        Consumer<TradeWorld> instantSpent = w -> w.ok(poorTrade(TradeKind.instant)).ok(pay(T1, poorBuyer));
        Consumer<TradeWorld> escrowFinished = w -> w.ok(poorTrade(TradeKind.escrow)).ok(pay(T1, poorBuyer))
                .ok(ship(T1)).ok(action(T1, TradeOp.confirm, poorBuyer, 0, 0, "", ""));
        return List.of(
                row("a merchant's settlement account stays open while the merchant exists, for the platform too")
                        .when(new CloseAccount(sellerSettlement, seller), new CloseAccount(sellerSettlement, 0))
                        .expect(account_in_use, account_in_use),
                row("a buyer's wallet with a trade's hold in it has money pending")
                        .given(w -> w.paid(T1)).when(new CloseAccount(buyerWallet, buyer))
                        .expect(account_has_pending),
                row("the seller's empty wallet stays open while a trade it sells is open")
                        .given(w -> w.paid(T1)).when(new CloseAccount(sellerWallet, seller))
                        .expect(account_has_open_trades),
                row("an empty wallet stays open while the instant trade it paid may be refunded into it")
                        .given(instantSpent).when(new CloseAccount(poorBuyerWallet, poorBuyer))
                        .expect(account_has_open_trades)
                        .then(w -> assertThat(w.account(poorBuyerWallet).balance()).isZero()),
                row("once the refund window ends, the empty wallet closes")
                        .given(instantSpent.andThen(w -> w.at(w.trade(T1).refundWindowEndsAt()).tick()))
                        .when(new CloseAccount(poorBuyerWallet, poorBuyer)).expect(ok)
                        .status(T1, TradeStatus.TRADE_FINISHED)
                        .then(w -> assertThat(w.account(poorBuyerWallet).flags() & AccountFlags.closed).isNotZero()),
                row("a refund asked on a finished trade keeps the empty wallet open until it is answered")
                        .given(escrowFinished.andThen(w -> w.ok(action(T1, TradeOp.requestRefund, poorBuyer, R1,
                                poorFunds, "cold", "req-1"))))
                        .when(new CloseAccount(poorBuyerWallet, poorBuyer), Tick.instance)
                        .expect(account_has_open_trades, ok));
    }
}
