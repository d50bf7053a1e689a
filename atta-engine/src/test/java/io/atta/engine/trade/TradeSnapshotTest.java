package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.bind;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.cancel;
import static io.atta.engine.trade.TradeWorld.closeOrder;
import static io.atta.engine.trade.TradeWorld.closeUnpaid;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.dayNs;
import static io.atta.engine.trade.TradeWorld.decide;
import static io.atta.engine.trade.TradeWorld.dispute;
import static io.atta.engine.trade.TradeWorld.extend;
import static io.atta.engine.trade.TradeWorld.otherBuyer;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.reject;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.ship;
import static io.atta.engine.trade.TradeWorld.tradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Command;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.gateway.CreateApp;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.gateway.App;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ledger with orders and trades in every status, refunds in every status, notifications
 * waiting and retried, and rules due, written with {@link LedgerSnapshot} and read into a fresh
 * ledger: the restored ledger has the same state hash and answers every read alike, and applying
 * the same further commands to both (ticks that fire the rules it rebuilt included) keeps them
 * alike, result by result and hash by hash.
 */
class TradeSnapshotTest {
    private static final int trades = 18;
    private static final long open = tradeNo(1);
    private static final long bound = tradeNo(2);
    private static final long closedBySeller = tradeNo(3);
    private static final long closedByTime = tradeNo(4);
    private static final long closedUnpaid = tradeNo(5);
    private static final long paid = tradeNo(6);
    private static final long shipped = tradeNo(7);
    private static final long extended = tradeNo(8);
    private static final long refundAsked = tradeNo(9);
    private static final long refundRejected = tradeNo(10);
    private static final long disputed = tradeNo(11);
    private static final long finished = tradeNo(12);
    private static final long finishedAndDenied = tradeNo(13);
    private static final long refundedInFull = tradeNo(14);
    private static final long partlyRefunded = tradeNo(15);
    private static final long boundLater = tradeNo(16);
    private static final long instant = tradeNo(17);
    private static final long gatewayPartlyRefunded = tradeNo(18);
    private static final long app = TradeWorld.app;

    private final TradeWorld w = TradeWorld.build();
    private ShardLedger restored;

    @BeforeEach
    void everyStatus() throws IOException {
        w.ok(createTrade(closedByTime, 0)).advanceSeconds(TradeWorld.payTimeoutSeconds).tick();
        w.ok(createTrade(boundLater, 0), createTrade(open, 0), createTrade(bound, buyer),
                createTrade(closedBySeller, 0), createTrade(closedUnpaid, buyer));
        w.ok(closeOrder(closedBySeller), closeUnpaid(closedUnpaid)).ok(closeOrder(closedUnpaid, buyer));
        for (long no : new long[] {paid, shipped, extended, refundAsked, refundRejected, disputed, finished,
            finishedAndDenied, refundedInFull, partlyRefunded}) {
            w.ok(createTrade(no, buyer)).ok(pay(no, buyer));
        }
        w.ok(bind(boundLater, buyer));
        w.ok(ship(shipped), ship(extended), ship(refundAsked), ship(refundRejected), ship(disputed), ship(finished),
                ship(finishedAndDenied));
        w.ok(extend(extended, 3 * 24 * 3600), requestRefund(refundAsked, R1, 1_000),
                requestRefund(refundRejected, R1, 2_000), requestRefund(disputed, R1, 3_000), confirm(finished),
                confirm(finishedAndDenied), requestRefund(refundedInFull, R1, price),
                requestRefund(partlyRefunded, R1, 500));
        w.ok(reject(refundRejected, R1), dispute(disputed, R1), agree(refundedInFull, R1),
                cancel(partlyRefunded, R1), requestRefund(finishedAndDenied, R1, 4_000));
        w.ok(requestRefund(partlyRefunded, R2, 700), dispute(finishedAndDenied, R1)).ok(agree(partlyRefunded, R2),
                decide(finishedAndDenied, R1, false)).ok(requestRefund(finishedAndDenied, R2, 1_500))
                .ok(agree(finishedAndDenied, R2));
        w.ok(new CreateApp(app, seller, "Cashier", "key-1")).ok(new CreateApp(app - 1, seller, "Till", "key-2"));
        // The buyer's wallet is held by the escrow trades: another buyer pays the instant ones.
        w.ok(TradeWorld.createInstant(instant, otherBuyer)).ok(pay(instant, otherBuyer));
        w.ok(TradeWorld.createGatewayTrade(gatewayPartlyRefunded, otherBuyer, TradeKind.instant))
                .ok(pay(gatewayPartlyRefunded, otherBuyer)).ok(TradeWorld.sellerRefund(gatewayPartlyRefunded, R1, 1_200));
        w.ok(new RecordDelivery(1, RecordDelivery.Outcome.retry, w.now + 60 * TradeWorld.secondNs),
                new RecordDelivery(2, RecordDelivery.Outcome.abandoned, 0),
                new RecordDelivery(3, RecordDelivery.Outcome.delivered, 0));

        restored = new ShardLedger(0, 0, slot -> slot != TradeWorld.foreignSlot, w.store.copy());
        LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(snapshot(w.ledger))));
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Applies the same batch to the original and the restored ledger: same results, same hash. */
    private Result[] both(Object... steps) {
        Command[] commands = w.commands(steps);
        long header = w.now;
        Result[] original = w.apply((Object[]) commands);
        Result[] again = restored.apply(header, commands);
        assertThat(again).as("results of %s", (Object) commands).containsExactly(original);
        assertThat(restored.stateHash()).as("hash after %s", (Object) commands).isEqualTo(w.ledger.stateHash());
        return original;
    }

    @Test
    void theWorldHasEveryStatus() {
        Set<TradeStatus> statuses = EnumSet.noneOf(TradeStatus.class);
        Set<RefundStatus> refunds = EnumSet.noneOf(RefundStatus.class);
        for (int i = 1; i <= trades; i++) {
            TradeView t = w.trade(tradeNo(i));
            if (t != null) {
                statuses.add(t.status());
                t.refunds().forEach(r -> refunds.add(r.status()));
            }
        }
        assertThat(statuses).containsAll(EnumSet.complementOf(EnumSet.of(TradeStatus.WAIT_BUYER_PAY)));
        assertThat(refunds).containsExactlyInAnyOrder(RefundStatus.values());
        assertThat(w.order(closedByTime).closedAt()).isNotZero();
        assertThat(w.order(open).closedAt()).isZero();
        assertThat(w.ledger.trades().nextDueAt()).isLessThan(Long.MAX_VALUE);
        assertThat(w.ledger.trades().outboxSize() + w.ledger.gateway().outboxSize()).isGreaterThan(20);
        assertThat(w.ledger.trades().receivables()).isNotEmpty();
        assertThat(w.ledger.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE))
                .as("gateway notices wait in the outbox").isNotEmpty();
        assertThat(w.ledger.apps(seller)).hasSize(2);
    }

    @Test
    void theRestoredLedgerHasTheSameStateAndAnswersEveryReadAlike() throws IOException {
        assertThat(restored.stateHash()).isEqualTo(w.ledger.stateHash());
        assertThat(snapshot(restored)).as("it writes the same snapshot").isEqualTo(snapshot(w.ledger));
        TradeBook a = w.ledger.trades();
        TradeBook b = restored.trades();
        for (int i = 1; i <= trades; i++) {
            assertThat(b.order(tradeNo(i))).as("order %d", i).isEqualTo(a.order(tradeNo(i)));
            assertThat(b.trade(tradeNo(i))).as("trade %d", i).isEqualTo(a.trade(tradeNo(i)));
        }
        assertThat(b.merchant(seller)).isEqualTo(a.merchant(seller));
        assertThat(restored.apps(seller)).as("apps, in the order registered").isEqualTo(w.ledger.apps(seller))
                .extracting(App::appId).containsExactly(app, app - 1);
        assertThat(restored.app(app)).isEqualTo(w.ledger.app(app));
        assertThat(b.receivables()).isEqualTo(a.receivables());
        assertThat(b.notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(a.notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE));
        assertThat(restored.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(w.ledger.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE));
        assertThat(b.abandonedNotifications()).isEqualTo(1);
        assertThat(b.heldByLedger()).isEqualTo(a.heldByLedger());
        assertThat(b.ordersOfMerchant(seller, Long.MAX_VALUE, 100))
                .isEqualTo(a.ordersOfMerchant(seller, Long.MAX_VALUE, 100));
        assertThat(b.ordersOfBuyer(buyer, Long.MAX_VALUE, 100)).isEqualTo(a.ordersOfBuyer(buyer, Long.MAX_VALUE, 100));
        assertThat(restored.accounts()).containsExactlyInAnyOrderElementsOf(w.ledger.accounts());
        assertThat(b.bindsOpenAt(w.now, Long.MAX_VALUE, 100)).as("the pay saga's binds, rebuilt")
                .isEqualTo(a.bindsOpenAt(w.now, Long.MAX_VALUE, 100))
                .extracting(OrderView::tradeNo).containsExactly(boundLater);
    }

    @Test
    void theRestoredLedgerGoesOnLikeTheOriginalAndFiresTheRulesItRebuilt() {
        both(bind(open, otherBuyer), pay(open, otherBuyer), ship(paid), ship(paid, "other"), confirm(shipped),
                requestRefund(finished, R1, 100), new RecordDelivery(1, RecordDelivery.Outcome.delivered, 0));
        both(agree(refundAsked, R1), dispute(refundRejected, R1), decide(disputed, R1, true),
                closeUnpaid(bound), closeOrder(bound, buyer));
        w.advanceSeconds(3_600);
        both(Tick.instance, createTrade(tradeNo(30), 0), requestRefund(extended, R1, 10));

        for (long step : new long[] {dayNs, 5 * dayNs, 10 * dayNs, 30 * dayNs, 60 * dayNs}) {
            w.advanceSeconds(step / TradeWorld.secondNs);
            both(Tick.instance);
        }

        assertThat(restored.trades().order(tradeNo(30)).closedAt()).as("an order closed by time").isNotZero();
        assertThat(restored.trades().trade(paid).status()).as("confirmed by time").isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(restored.trades().trade(extended).refunds().get(0).byTimeout()).as("granted by time").isTrue();
        assertThat(restored.trades().trade(refundRejected).refunds().get(0).status()).isEqualTo(RefundStatus.disputed);
        assertThat(restored.trades().trade(instant).status()).as("its refund window ended")
                .isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(restored.trades().nextDueAt()).isEqualTo(Long.MAX_VALUE);
        w.assertInvariants();
    }

    @Test
    void rulesRebuiltFromTheSnapshotFireAtTheSameTimes() {
        long[] at = {w.order(open).payDeadline(), w.trade(shipped).confirmAt(), w.trade(extended).confirmAt(),
            w.refund(refundAsked, R1).answerBy(), w.trade(refundRejected).confirmAt(),
            w.trade(instant).refundWindowEndsAt()};
        java.util.Arrays.sort(at);
        for (long ts : at) {
            w.at(ts - 1);
            both(Tick.instance);
            w.at(ts);
            both(Tick.instance);
        }

        assertThat(w.order(open).closedAt()).isNotZero();
        assertThat(w.refund(refundAsked, R1).status()).isEqualTo(RefundStatus.refunded);
        for (long no : new long[] {shipped, extended, refundRejected, instant}) {
            assertThat(restored.trades().trade(no).status()).as("trade %d", no).isEqualTo(TradeStatus.TRADE_FINISHED);
        }
    }
}
