package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.command.Result;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.trades.PayCrashPoints;
import io.atta.server.trades.PayRecovery;
import io.atta.server.trades.Trades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.TradeCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pay saga of a trade opened for any buyer (bind on the order's shard, then hold on the
 * buyer's) stopped between its steps, on a durable two-shard node that is then restarted: the
 * recovery finishes what the buyer asked while the trade is payable, and after its deadline
 * nothing can pay it any more. No saga is left bound but neither paid nor closed.
 */
class PaySagaRecoveryTest {
    private static final long refundWindowSeconds = 86_400;

    @Test
    void aPaymentStoppedAfterBindingItsBuyerIsFinishedAfterARestart(@TempDir Path dir) {
        String tradeNo;
        NewUser buyer;
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            OpenTrade open = OpenTrade.of(t, "Saga Tea", "50.00");
            tradeNo = open.tradeNo();
            buyer = open.buyer();

            long buyerId = Long.parseLong(buyer.id());
            assertThatThrownBy(() -> trades(f, () -> true).pay(Long.parseLong(tradeNo), buyerId).join())
                    .isInstanceOf(CompletionException.class).hasMessageContaining("afterBind");

            JsonNode half = t.trade(tradeNo);
            assertThat(half.get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
            assertThat(half.get("buyer_user_id").asText()).isEqualTo(buyer.id());
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("50.00");
            // Too young to be anyone's but the payment's own: the recovery leaves it alone.
            assertThat(trades(f, PayCrashPoints.none()).recovery().recover(s -> true).join().unpaid()).isZero();
        }

        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            advance(f, PayRecovery.recoverAfterMs / 1_000 + 1);
            trades(f, PayCrashPoints.none()).recovery().recover(s -> true).join();

            JsonNode paid = t.trade(tradeNo);
            assertThat(paid.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(paid.get("buyer_user_id").asText()).isEqualTo(buyer.id());
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("30.00");
            // The buyer's retry of the payment that failed finds it done, and moves nothing more.
            assertThat(t.paid(buyer, tradeNo).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("30.00");
            // A second pass finds nothing left to do.
            assertThat(trades(f, PayCrashPoints.none()).recovery().recover(s -> true).join().unpaid()).isZero();
            assertInvariantsHold(f);
        }
    }

    @Test
    void aPaymentStoppedAfterBindingThatIsNotRecoveredBeforeItsDeadlineIsClosed(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            OpenTrade open = OpenTrade.of(t, "Late Tea", "50.00");
            String tradeNo = open.tradeNo();
            NewUser buyer = open.buyer();
            long buyerId = Long.parseLong(buyer.id());
            assertThatThrownBy(() -> trades(f, () -> true).pay(Long.parseLong(tradeNo), buyerId).join())
                    .isInstanceOf(CompletionException.class);

            advance(f, 3_600);
            PayRecovery.Pass pass = trades(f, PayCrashPoints.none()).recovery().recover(s -> true).join();

            assertThat(pass.unpaid()).as("past its deadline: no payment to finish").isZero();
            JsonNode closed = t.trade(tradeNo);
            assertThat(closed.get("status").asText()).isEqualTo("TRADE_CLOSED");
            assertThat(closed.get("closed_at").asText()).isEqualTo(closed.get("pay_deadline").asText());
            refused(t.pay(buyer.token(), tradeNo), 409, "trade_pay_timed_out");
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("50.00");
            assertInvariantsHold(f);
        }
    }

    @Test
    void aPaymentRefusedLiveIsNotPaidLaterBehindTheBuyersBack(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            OpenTrade open = OpenTrade.of(t, "Refusing Tea", "5.00");
            String tradeNo = open.tradeNo();
            NewUser buyer = open.buyer();
            Trades live = trades(f, PayCrashPoints.none());

            assertThat(live.pay(Long.parseLong(tradeNo), Long.parseLong(buyer.id())).join())
                    .isEqualTo(Result.insufficient_funds);
            f.fund(buyer, "45.00");
            advance(f, PayRecovery.recoverAfterMs / 1_000 + 1);

            assertThat(live.recovery().recover(s -> true).join().unpaid()).as("its own payment, answered").isZero();
            assertThat(t.trade(tradeNo).get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("50.00");
            // The buyer, asked again, pays it.
            assertThat(t.paid(buyer, tradeNo).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        }
    }

    /** A trade of a new merchant open to any buyer, and a buyer with {@code funds} on another shard. */
    private record OpenTrade(String tradeNo, NewUser buyer) {
        static OpenTrade of(TradeCalls t, String merchant, String funds) {
            String tradeNo = t.created(t.merchant(merchant), "s-" + nextId(), "20.00", null);
            return new OpenTrade(tradeNo, t.buyerAwayFrom(tradeNo, funds));
        }
    }

    /** The trade domain over the fixture's ledger, its payments stopping where {@code crashes} says. */
    private static Trades trades(ApiFixture f, PayCrashPoints crashes) {
        ServerLedger ledger = new ServerLedger(f.service, ForkJoinPool.commonPool());
        return new Trades(ledger, new MerchantDirectory(ledger), refundWindowSeconds, crashes);
    }

    private static void advance(ApiFixture f, long seconds) {
        Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static void assertInvariantsHold(ApiFixture f) {
        Reply r = f.api.get("/v1/admin/invariants", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("violations")).as(r.toString()).isEmpty();
    }
}
