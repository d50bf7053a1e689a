package io.atta.engine.trade;

import io.atta.core.command.CreateTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;
import org.junit.jupiter.api.Test;

import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.T2;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.walletOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trade opened and paid in one log entry of the shard that holds both its order and its
 * buyer ({@link PayTrade#deadlineOfOrderHere}): the payment takes the order's deadline and
 * creation time, and pays only the order it names, open and bound to the payer on exactly its
 * terms. A repeat moves nothing; a refusal leaves what the two separate steps would leave.
 */
class OpenAndPayTest {
    private final TradeWorld w = TradeWorld.build();

    /** The hold of the standard trade of {@code amount}, its deadline and creation the order's on this shard. */
    private PayTrade payHere(long tradeNo, long amount) {
        Merchant m = w.ledger.trades().merchant(seller);
        return new PayTrade(tradeNo, seller, "out-" + tradeNo, buyer, walletOf(buyer), amount, TradeWorld.cny,
                GoodsType.physical.ordinal(), PayTrade.deadlineOfOrderHere, m.settlementAccountId(), m.feeRatePpm(),
                PayTrade.fundingWallet, true, TradeKind.escrow.ordinal(), 0, "Longjing tea, 250 g", 0);
    }

    private static CreateTrade create(long tradeNo, long buyerUserId, long amount) {
        return createTrade(tradeNo, buyerUserId, amount, GoodsType.physical);
    }

    @Test
    void oneEntryOpensAndPaysATradeAsTheTwoStepsWould() {
        assertThat(w.apply(create(T1, buyer, price), payHere(T1, price))).containsExactly(Result.ok, Result.ok);

        TradeView t = w.trade(T1);
        assertThat(t.status()).isEqualTo(TradeStatus.WAIT_SELLER_SEND_GOODS);
        assertThat(t.createdAt()).as("the order's creation").isEqualTo(w.order(T1).createdAt());
        assertThat(t.paidAt()).isGreaterThan(t.createdAt());
        assertThat(w.order(T1).buyerUserId()).isEqualTo(buyer);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));

        assertThat(w.apply(create(T1, buyer, price), payHere(T1, price))).as("a repeat")
                .containsExactly(Result.exists, Result.exists);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));
        w.assertInvariants();
    }

    @Test
    void itPaysOnlyTheOrderItNamesOpenBoundToThePayerOnItsTerms() {
        w.ok(create(T1, buyer, price));
        assertThat(w.apply(create(T1, buyer, price + 1), payHere(T1, price + 1))).as("other terms")
                .containsExactly(Result.exists_with_different_fields, Result.exists_with_different_fields);
        w.ok(create(T2, 0, price));
        assertThat(w.apply(create(T2, buyer, price), payHere(T2, price))).as("open to any buyer")
                .containsExactly(Result.exists_with_different_fields, Result.trade_buyer_mismatch);
        assertThat(w.apply(payHere(TradeWorld.tradeNo(3), price))).as("no order here")
                .containsExactly(Result.trade_not_found);
        w.advanceSeconds(TradeWorld.payTimeoutSeconds + 1);
        w.tick();
        assertThat(w.apply(create(T2, 0, price), payHere(T2, price))).as("closed by time")
                .containsExactly(Result.exists, Result.trade_closed);
        assertThat(w.apply(payHere(T1, price))).as("bound, past its deadline")
                .containsExactly(Result.trade_pay_timed_out);

        assertThat(w.trade(T1)).isNull();
        assertThat(w.trade(T2)).isNull();
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds, 0, 0, 0));
        w.assertInvariants();
    }

    @Test
    void aPaymentTheWalletCannotCoverLeavesTheOrderBoundAndUnpaid() {
        long tooMuch = funds + 1;
        assertThat(w.apply(create(T1, buyer, tooMuch), payHere(T1, tooMuch)))
                .containsExactly(Result.ok, Result.insufficient_funds);

        assertThat(w.order(T1).buyerUserId()).isEqualTo(buyer);
        assertThat(w.order(T1).closedAt()).isZero();
        assertThat(w.trade(T1)).isNull();
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds, 0, 0, 0));
    }
}
