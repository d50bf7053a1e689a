package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.cancel;
import static io.atta.engine.trade.TradeWorld.dayNs;
import static io.atta.engine.trade.TradeWorld.decide;
import static io.atta.engine.trade.TradeWorld.dispute;
import static io.atta.engine.trade.TradeWorld.extend;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.priceFee;
import static io.atta.engine.trade.TradeWorld.reject;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.secondNs;
import static io.atta.engine.trade.TradeWorld.ship;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trade rules that time applies, through {@code Tick}s at chosen timestamps: unpaid orders
 * close at their pay deadline, shipped trades confirm themselves after their goods type's time
 * (paused while a refund request is open, extended once by the seller), and requests the seller
 * leaves unanswered are granted. Each deadline is checked exactly: a tick 1 ns before does nothing.
 */
class TradeClockTest {
    private static final long refundAnswerNs = TradeLimits.refundAnswerSeconds * secondNs;
    private static final long tenDays = 10 * dayNs;

    private final TradeWorld w = TradeWorld.build();

    /** Applies a tick exactly at {@code ts}. */
    private void tickAt(long ts) {
        w.at(ts).tick();
    }

    private TradeStatus status() {
        return w.trade(T1).status();
    }

    @Test
    void anUnboundOrderClosesAtItsPayDeadlineNotBefore() {
        w.unpaid(T1);
        long deadline = w.order(T1).payDeadline();

        tickAt(deadline - 1);
        assertThat(w.order(T1).closedAt()).as("open 1 ns before its deadline").isZero();

        tickAt(deadline);
        assertThat(w.order(T1).closedAt()).isEqualTo(deadline);
        assertThat(w.order(T1).events()).extracting(TradeEvent::type)
                .containsExactly(TradeEventType.created, TradeEventType.auto_closed);
        assertThat(w.apply(TradeWorld.bind(T1, buyer))).containsExactly(Result.trade_closed);
        assertThat(w.ledger.trades().nextDueAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anOrderBoundByAPaymentIsAmongTheBindsToRecoverUntilItsDeadline() {
        w.unpaid(T1).ok(TradeWorld.bind(T1, buyer));
        long boundAt = w.order(T1).events().get(1).at();
        long deadline = w.order(T1).payDeadline();

        assertThat(w.ledger.trades().bindsOpenAt(boundAt, boundAt, 10)).as("bound at, not before").isEmpty();
        assertThat(w.ledger.trades().bindsOpenAt(deadline, boundAt + 1, 10)).extracting(OrderView::tradeNo)
                .containsExactly(T1);

        tickAt(deadline + 1);
        assertThat(w.ledger.trades().bindsOpenAt(deadline + 1, Long.MAX_VALUE, 10)).as("past its deadline").isEmpty();
        assertThat(w.ledger.trades().binds).as("dropped by the tick").isEmpty();
    }

    @Test
    void anOrderBoundInTimeIsLeftToItsBuyersShardAndCannotBePaidAfterItsDeadline() {
        w.unpaid(T1).ok(TradeWorld.bind(T1, buyer));
        long deadline = w.order(T1).payDeadline();

        tickAt(deadline + 1);

        // The order's shard cannot know whether the buyer's shard was paid in time: it stays open
        // until the edge records the close there (closeUnpaid) and here (closeOrder).
        assertThat(w.order(T1).closedAt()).isZero();
        assertThat(w.apply(pay(T1, buyer))).containsExactly(Result.trade_pay_timed_out);
        assertThat(w.trade(T1)).isNull();
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds, 0, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(GoodsType.class)
    void aShippedTradeConfirmsItselfExactlyAfterItsGoodsTypesTime(GoodsType goods) {
        w.ok(TradeWorld.createTrade(T1, buyer, price, goods)).ok(pay(T1, buyer)).ok(ship(T1));
        long deadline = w.trade(T1).shippedAt() + goods.autoConfirmSeconds() * secondNs;
        assertThat(w.trade(T1).confirmAt()).isEqualTo(deadline);

        tickAt(deadline - 1);
        assertThat(status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));

        tickAt(deadline);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(w.trade(T1).finishedAt()).isEqualTo(deadline);
        assertThat(w.trade(T1).events()).extracting(TradeEvent::type).endsWith(TradeEventType.auto_confirmed);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, 0, price - priceFee, priceFee));
        w.assertInvariants();
    }

    @Test
    void thereIsNoConfirmClockBeforeShipment() {
        w.paid(T1);

        tickAt(w.now + 365 * dayNs);

        assertThat(status()).isEqualTo(TradeStatus.WAIT_SELLER_SEND_GOODS);
        assertThat(w.trade(T1).confirmAt()).isZero();
    }

    @Test
    void aRefundRequestPausesTheClockAndARejectionResumesItLaterByThePausedTime() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.at(shipped + 8 * dayNs).ok(requestRefund(T1, R1, 100));
        assertThat(w.trade(T1).confirmAt()).isZero();
        assertThat(w.trade(T1).confirmPausedRemaining()).isEqualTo(2 * dayNs);

        tickAt(shipped + tenDays);
        assertThat(status()).as("paused at the original deadline").isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);

        w.at(shipped + 12 * dayNs).ok(reject(T1, R1));
        long moved = shipped + tenDays + 4 * dayNs;
        assertThat(w.trade(T1).confirmAt()).as("four days later: as long as the pause").isEqualTo(moved);

        tickAt(moved - 1);
        assertThat(status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
        tickAt(moved);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void withdrawingTheRequestResumesTheClock() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.at(shipped + dayNs).ok(requestRefund(T1, R1, 100));
        w.at(shipped + 4 * dayNs).ok(cancel(T1, R1));

        assertThat(w.trade(T1).confirmAt()).isEqualTo(shipped + 13 * dayNs);
        tickAt(shipped + 13 * dayNs);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void aPartialRefundResumesTheClockAndTheRestIsReleasedAtTheMovedDeadline() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.at(shipped + dayNs).ok(requestRefund(T1, R1, 2_500));
        w.at(shipped + 3 * dayNs).ok(agree(T1, R1));
        assertThat(w.trade(T1).confirmAt()).isEqualTo(shipped + 12 * dayNs);

        tickAt(shipped + 12 * dayNs);

        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        long fee = TradeMoney.fee(7_500, TradeWorld.feePpm);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - 7_500, 0, 7_500 - fee, fee));
    }

    @Test
    void aDisputeKeepsTheClockPausedAndIsNeverGrantedByTime() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.at(shipped + dayNs).ok(requestRefund(T1, R1, 2_500));
        w.at(shipped + 2 * dayNs).ok(reject(T1, R1));
        assertThat(w.trade(T1).confirmAt()).isEqualTo(shipped + 11 * dayNs);
        w.at(shipped + 3 * dayNs).ok(dispute(T1, R1));
        assertThat(w.trade(T1).confirmPausedRemaining()).isEqualTo(8 * dayNs);

        tickAt(shipped + 60 * dayNs);
        assertThat(status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
        assertThat(w.refund(T1, R1).status()).isEqualTo(RefundStatus.disputed);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));

        w.at(shipped + 61 * dayNs).ok(decide(T1, R1, false));
        assertThat(w.trade(T1).confirmAt()).isEqualTo(shipped + 69 * dayNs);
        tickAt(shipped + 69 * dayNs);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void theSellerExtendsTheClockOnce() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.ok(extend(T1, 5 * 24 * 3600));

        tickAt(shipped + tenDays);
        assertThat(status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
        assertThat(w.apply(extend(T1, 6 * 24 * 3600))).containsExactly(Result.trade_status_invalid);
        tickAt(shipped + 15 * dayNs - 1);
        assertThat(status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
        tickAt(shipped + 15 * dayNs);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void anExtensionWhilePausedAddsToWhatIsLeft() {
        w.shipped(T1);
        long shipped = w.trade(T1).shippedAt();
        w.at(shipped + dayNs).ok(requestRefund(T1, R1, 100));
        w.ok(extend(T1, 2 * 24 * 3600));
        assertThat(w.trade(T1).confirmPausedRemaining()).isEqualTo(11 * dayNs);

        w.at(shipped + 2 * dayNs).ok(reject(T1, R1));

        assertThat(w.trade(T1).confirmAt()).isEqualTo(shipped + 13 * dayNs);
    }

    @Test
    void aShipmentDuringAnOpenRequestStartsTheClockPaused() {
        w.paid(T1).ok(requestRefund(T1, R1, 100)).ok(ship(T1));
        assertThat(w.trade(T1).confirmAt()).isZero();
        assertThat(w.trade(T1).confirmPausedRemaining()).isEqualTo(tenDays);

        long cancelled = w.now + 3 * dayNs;
        w.at(cancelled).ok(cancel(T1, R1));

        assertThat(w.trade(T1).confirmAt()).isEqualTo(cancelled + tenDays);
    }

    @Test
    void anUnansweredRequestIsGrantedAfterFiveDaysNotBefore() {
        w.shipped(T1).ok(requestRefund(T1, R1, 2_500));
        long requested = w.refund(T1, R1).requestedAt();

        tickAt(requested + refundAnswerNs - 1);
        assertThat(w.refund(T1, R1).status()).isEqualTo(RefundStatus.requested);

        tickAt(requested + refundAnswerNs);
        RefundView r = w.refund(T1, R1);
        assertThat(r.status()).isEqualTo(RefundStatus.refunded);
        assertThat(r.byTimeout()).isTrue();
        assertThat(r.resolvedAt()).isEqualTo(requested + refundAnswerNs);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - 7_500, 7_500, 0, 0));
        assertThat(w.trade(T1).events()).extracting(TradeEvent::type).endsWith(TradeEventType.refund_auto_granted);
        long shipped = w.trade(T1).shippedAt();
        assertThat(w.trade(T1).confirmAt()).as("the clock resumes with what was left")
                .isEqualTo(requested + refundAnswerNs + (shipped + tenDays - requested));
    }

    @Test
    void anUnansweredRequestForEverythingAfterReleaseClosesTheTrade() {
        w.finished(T1).ok(requestRefund(T1, R1, price));

        tickAt(w.refund(T1, R1).answerBy());

        assertThat(status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds, 0, 0, 0));
    }

    @Test
    void anAnsweredRequestIsNotGranted() {
        w.paid(T1).ok(requestRefund(T1, R1, 2_500));
        long answerBy = w.refund(T1, R1).answerBy();
        w.ok(reject(T1, R1));

        tickAt(answerBy + dayNs);

        assertThat(w.refund(T1, R1).status()).isEqualTo(RefundStatus.rejected);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));
    }

    @Test
    void anEscalatedRequestIsNotGranted() {
        w.paid(T1).ok(requestRefund(T1, R1, 2_500)).ok(dispute(T1, R1));

        tickAt(w.refund(T1, R1).answerBy() + dayNs);

        assertThat(w.refund(T1, R1).status()).isEqualTo(RefundStatus.disputed);
        assertThat(w.money()).isEqualTo(new TradeWorld.Money(funds - price, price, 0, 0));
    }

    @Test
    void moreDueRulesThanOneTickMayApplyTakeSeveralTicksAndAllApply() {
        int orders = TradeLimits.maxTradeRulesPerTick + 10;
        for (int start = 0; start < orders; start += 1_000) {
            Object[] batch = new Object[Math.min(1_000, orders - start)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = TradeWorld.createTrade(TradeWorld.tradeNo(10 + start + i), 0);
            }
            w.ok(batch);
        }
        w.advanceSeconds(TradeWorld.payTimeoutSeconds + 1);

        w.tick();
        assertThat(closedOrders()).isEqualTo(TradeLimits.maxTradeRulesPerTick);
        assertThat(w.ledger.nextDueAt()).as("the rest is due at once").isLessThan(w.now);

        w.tick();
        assertThat(closedOrders()).isEqualTo(orders);
        assertThat(w.ledger.trades().nextDueAt()).isEqualTo(Long.MAX_VALUE);
        assertThat(w.ledger.trades().outboxSize()).as("one notification per close").isEqualTo(orders);
    }

    @Test
    void anInstantTradesRefundWindowEndsExactlyAtItsEndNotBefore() {
        w.instantPaid(T1).ok(TradeWorld.sellerRefund(T1, R1, 2_500));
        long end = w.trade(T1).paidAt() + TradeWorld.windowSeconds * secondNs;
        assertThat(w.trade(T1).refundWindowEndsAt()).isEqualTo(end);
        assertThat(w.ledger.trades().nextDueAt()).isEqualTo(end);

        tickAt(end - 1);
        assertThat(status()).as("refundable 1 ns before its end").isEqualTo(TradeStatus.TRADE_SUCCESS);

        tickAt(end);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(w.trade(T1).finishedAt()).isEqualTo(end);
        assertThat(w.trade(T1).events()).extracting(TradeEvent::type).containsExactly(TradeEventType.paid,
                TradeEventType.refunded, TradeEventType.refund_window_ended);
        assertThat(w.money()).as("the end of the window moves no money")
                .isEqualTo(new TradeWorld.Money(funds - price + 2_500, 0, price - priceFee - 2_485, priceFee - 15));
        assertThat(w.ledger.trades().nextDueAt()).isEqualTo(Long.MAX_VALUE);
        assertThat(w.apply(TradeWorld.sellerRefund(T1, R2, 1))).containsExactly(Result.refund_window_ended);
        w.assertInvariants();
    }

    @Test
    void anInstantTradeRefundedInFullHasNoWindowToEnd() {
        w.instantPaid(T1).ok(TradeWorld.sellerRefund(T1, R1, price));
        long end = w.trade(T1).refundWindowEndsAt();
        assertThat(w.ledger.trades().nextDueAt()).as("the end left the queue").isEqualTo(Long.MAX_VALUE);

        tickAt(end);

        assertThat(status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(w.trade(T1).finishedAt()).isZero();
        assertThat(w.trade(T1).events()).extracting(TradeEvent::type)
                .doesNotContain(TradeEventType.refund_window_ended);
    }

    @Test
    void aRequestMadeInTheWindowIsStillGrantedAfterItEnds() {
        w.instantPaid(T1);
        long end = w.trade(T1).refundWindowEndsAt();
        w.at(end - dayNs).ok(requestRefund(T1, R1, 1_000));

        tickAt(end);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        tickAt(w.refund(T1, R1).answerBy());

        assertThat(w.refund(T1, R1).status()).isEqualTo(RefundStatus.refunded);
        assertThat(w.trade(T1).refunded()).isEqualTo(1_000);
        assertThat(status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        w.assertInvariants();
    }

    private long closedOrders() {
        long closed = 0;
        for (int i = 0; i < TradeLimits.maxTradeRulesPerTick + 10; i++) {
            if (w.order(TradeWorld.tradeNo(10 + i)).closedAt() != 0) {
                closed++;
            }
        }
        return closed;
    }
}
