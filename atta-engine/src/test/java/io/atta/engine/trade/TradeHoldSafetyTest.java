package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;

/**
 * A trade's money may only move by the trade's rules: no command a buyer may send on its own
 * authority takes the hold away from the trade or makes a later rule of the trade fail. A rule
 * that finds its transfer refused throws (a broken invariant), and an exception out of
 * {@code apply} stops every replica of the shard on the same log entry, so each case here also
 * checks that the shard keeps applying.
 *
 * <p>Hence: a trade's transfer ids are in the platform's range and no command may name one as its
 * pending id ({@code transfer_id_reserved}), a wallet with a hold in it cannot be closed
 * ({@code account_has_pending}; a hold is still posted if a wallet closed before that rule), and a
 * refund that would need a closed wallet is refused ({@code account_closed}), not thrown.
 */
class TradeHoldSafetyTest {
    private final TradeWorld w = TradeWorld.build();

    /** The trade's open hold: a pending transfer from the buyer's wallet to escrow, tagged with the trade. */
    private long holdId() {
        return holdOf(w, T1);
    }

    static long holdOf(TradeWorld w, long tradeNo) {
        return w.store.records().values().stream()
                .filter(r -> r.userData() == tradeNo && r.code() == TradeMoney.holdCode
                        && w.ledger.openPendingTransfer(r.id()) != null)
                .mapToLong(TransferRecord::id).findFirst().orElseThrow();
    }

    @Test
    void aBuyerCannotTakeTheMoneyOfAnotherTradesHoldWithAPlainTransfer() {
        w.paid(T1);

        Result[] r = w.apply(new CreateTransfer(900, TradeWorld.escrow, buyerWallet, price, TradeWorld.cny, 1, 0, 0,
                0, 0, buyer));

        assertThat(r).containsExactly(Result.debit_account_not_owned);
        w.assertInvariants();
    }

    @Test
    void aBuyerCannotVoidTheHoldOfItsTrade() {
        w.shipped(T1);

        Result[] r = w.apply(new CreateTransfer(900, 0, 0, 0, 0, 0, TransferFlags.voidPending, holdId(), 0, 0, buyer));

        assertThat(r).as("a trade's hold is the trade's to resolve").doesNotContain(Result.ok);
        w.assertInvariants();
        assertThatCode(() -> w.apply(confirm(T1))).doesNotThrowAnyException();
        assertThat(w.trade(T1).status()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void aBuyerCannotPostTheHoldOfItsTrade() {
        w.shipped(T1);

        Result[] r = w.apply(new CreateTransfer(900, 0, 0, 0, 0, 0, TransferFlags.postPending, holdId(), 0, 0, buyer));

        assertThat(r).doesNotContain(Result.ok);
        w.assertInvariants();
        assertThatCode(() -> w.apply(confirm(T1))).doesNotThrowAnyException();
    }

    @Test
    void aWalletATradeHoldsFromCannotBeClosed() {
        w.shipped(T1);

        assertThat(w.apply(new CloseAccount(buyerWallet, buyer))).containsExactly(Result.account_has_pending);

        assertThatCode(() -> w.at(w.trade(T1).confirmAt()).apply(Tick.instance)).doesNotThrowAnyException();
        w.assertInvariants();
    }

    @Test
    void aRefundToAClosedWalletDoesNotStopTheShard() {
        // Emptied and closed once the trade finished: no rule needed the wallet any more.
        w.finished(T1).ok(new CreateTransfer(950, buyerWallet, TradeWorld.bank, funds - price, TradeWorld.cny, 1, 0,
                0, 0, 0, buyer)).ok(new CloseAccount(buyerWallet, buyer));
        Result[] asked = w.apply(requestRefund(T1, R1, price));

        if (asked[0] == Result.ok) {
            assertThatCode(() -> w.apply(agree(T1, R1))).doesNotThrowAnyException();
            assertThatCode(() -> w.at(w.refund(T1, R1).answerBy()).apply(Tick.instance)).doesNotThrowAnyException();
        }
        w.assertInvariants();
        assertThat(w.available(buyerWallet) + w.receivable() + w.account(TradeWorld.fees).balance())
                .as("the money is somewhere it is accounted for").isEqualTo(price);
    }
}
