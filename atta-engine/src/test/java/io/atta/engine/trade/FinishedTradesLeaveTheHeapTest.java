package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.buyerWallet;
import static io.atta.engine.trade.TradeWorld.closeOrder;
import static io.atta.engine.trade.TradeWorld.confirm;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.payTimeoutSeconds;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.sellerRefund;
import static io.atta.engine.trade.TradeWorld.ship;
import static io.atta.engine.trade.TradeWorld.topUp;
import static io.atta.engine.trade.TradeWorld.tradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 part 6: finished and closed trades leave the heap for the shard's history store, and
 * everything a user sees of them stays as it was: reads, listings, repeated commands, a late refund.
 */
class FinishedTradesLeaveTheHeapTest {
    private static final long seed = 14_6L;

    /** The kinds of end the seeded trades come to. */
    private enum End { finished, refundedInFull, closedUnpaid, stillOpen }

    private final TradeWorld w = TradeWorld.build();
    private final List<Long> finished = new ArrayList<>();
    private final List<Long> refunded = new ArrayList<>();
    private final List<Long> closed = new ArrayList<>();
    private final List<Long> open = new ArrayList<>();
    private int next = 1;

    /** Runs {@code n} trades to a seeded mix of ends, ten per batch, each step in its own batch. */
    private void trade(int n, Random random) {
        w.ok(topUp(1_000 + next, buyerWallet, n * price));
        for (int done = 0; done < n; done += 10) {
            List<Long> batch = new ArrayList<>();
            List<End> ends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(tradeNo(next++));
                End[] all = End.values();
                ends.add(random.nextInt(10) == 0 ? End.stillOpen : all[random.nextInt(all.length - 1)]);
            }
            List<Object> create = new ArrayList<>();
            List<Object> pay = new ArrayList<>();
            List<Object> step = new ArrayList<>();
            List<Object> end = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long no = batch.get(i);
                switch (ends.get(i)) {
                    case closedUnpaid -> {
                        create.add(createTrade(no, 0));
                        end.add(closeOrder(no));
                        closed.add(no);
                    }
                    case finished -> {
                        create.add(createTrade(no, buyer));
                        pay.add(pay(no, buyer));
                        step.add(ship(no));
                        end.add(confirm(no));
                        finished.add(no);
                    }
                    case refundedInFull -> {
                        create.add(createTrade(no, buyer));
                        pay.add(pay(no, buyer));
                        end.add(sellerRefund(no, 1, price));
                        refunded.add(no);
                    }
                    case stillOpen -> {
                        create.add(createTrade(no, buyer));
                        pay.add(pay(no, buyer));
                        open.add(no);
                    }
                }
            }
            w.ok(create.toArray());
            if (!pay.isEmpty()) {
                w.ok(pay.toArray());
            }
            if (!step.isEmpty()) {
                w.ok(step.toArray());
            }
            w.ok(end.toArray());
        }
    }

    /** Moves past every pay deadline, so that paid orders are final too, and applies a batch there. */
    private void pastPayDeadlines() {
        w.advanceSeconds(payTimeoutSeconds + 1).tick();
        // Bound orders leave a bounded number at a time, after each command or tick past their deadline.
        for (int i = 0; i < 200 && w.ledger.trades().ordersInMemory() > 0; i++) {
            w.tick();
        }
    }

    /** The merchant's webhooks are all delivered: the outbox holds what is not yet, which is not this test's subject. */
    private void deliverNotifications() {
        List<Object> delivered = new ArrayList<>();
        for (Notification n : w.ledger.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE)) {
            delivered.add(new io.atta.core.command.RecordDelivery(n.seq(),
                    io.atta.core.command.RecordDelivery.Outcome.delivered, 0));
        }
        if (!delivered.isEmpty()) {
            w.ok(delivered.toArray());
        }
    }

    private static int sectionBytes(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TradeSnapshot.write(l.trades(), new DataOutputStream(bytes));
        return bytes.size();
    }

    @Test
    void finishedTradesLeaveTheHeapAndTheSnapshotWhileEveryReadStillAnswersThem() throws IOException {
        Random random = new Random(seed);
        trade(500, random);
        pastPayDeadlines();
        deliverNotifications();
        TradeBook book = w.ledger.trades();
        assertThat(book.tradesInMemory()).as("trades in memory: the open ones").isEqualTo(open.size());
        assertThat(book.ordersInMemory()).as("orders in memory: none is payable any more").isZero();
        assertThat(book.tradeCount()).as("trades the shard holds").isEqualTo(500 - closed.size());
        assertThat(book.orderCount()).as("orders the shard holds").isEqualTo(500);
        int sectionAfter500 = sectionBytes(w.ledger);
        int openAfter500 = open.size();

        trade(1_500, random);
        pastPayDeadlines();
        deliverNotifications();
        assertThat(book.tradesInMemory()).as("trades in memory after 2,000").isEqualTo(open.size());
        int perOpen = (sectionBytes(w.ledger) - sectionAfter500) / Math.max(1, open.size() - openAfter500);
        assertThat(perOpen).as("the section grows by the open trades only (bytes per new open trade)")
                .isLessThan(400);

        for (long no : finished) {
            TradeView t = w.trade(no);
            assertThat(t).as("finished trade %d", no).isNotNull();
            assertThat(t.status()).isEqualTo(TradeStatus.TRADE_FINISHED);
            assertThat(new long[] {t.held(), t.released(), t.fee()}).containsExactly(0, price, TradeWorld.priceFee);
            assertThat(t.events()).extracting(TradeEvent::type).containsExactly(TradeEventType.paid,
                    TradeEventType.shipped, TradeEventType.confirmed);
            assertThat(w.order(no).outTradeNo()).isEqualTo("out-" + no);
        }
        for (long no : refunded) {
            assertThat(w.trade(no).status()).as("refunded trade %d", no).isEqualTo(TradeStatus.TRADE_CLOSED);
            assertThat(w.trade(no).refunds()).hasSize(1);
        }
        for (long no : closed) {
            assertThat(w.order(no).closedAt()).as("closed order %d", no).isNotZero();
            assertThat(w.trade(no)).isNull();
        }
        for (long no : open) {
            assertThat(w.trade(no).status()).isEqualTo(TradeStatus.WAIT_SELLER_SEND_GOODS);
        }
    }

    @Test
    void aMerchantsOrderListPagesThroughHeapAndArchiveNewestFirst() {
        trade(300, new Random(seed + 1));
        pastPayDeadlines();
        trade(40, new Random(seed + 2)); // some orders still payable: in the heap
        List<Long> all = new ArrayList<>();
        for (int n = 1; n < next; n++) {
            all.add(tradeNo(n));
        }
        all.sort(Comparator.comparingLong((Long no) -> w.order(no).createdAt()).thenComparingLong(no -> no)
                .reversed());
        List<Long> paged = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<OrderView> page = w.ledger.trades().ordersOfMerchant(seller, before, 37);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(o -> paged.add(o.tradeNo()));
            before = page.get(page.size() - 1).createdAt();
        }
        assertThat(paged).as("every order once, newest first").containsExactlyElementsOf(all);
        assertThat(w.ledger.trades().ordersOfBuyer(buyer, Long.MAX_VALUE, 5)).extracting(OrderView::tradeNo)
                .containsExactlyElementsOf(all.stream().filter(no -> w.order(no).buyerUserId() == buyer).limit(5)
                        .toList());
    }

    @Test
    void aRepeatedCommandOnAFinishedTradeAnswersAsBeforeAndALateRefundBringsItBack() {
        trade(20, new Random(seed + 3));
        pastPayDeadlines();
        long no = finished.get(0);
        int inMemory = w.ledger.trades().tradesInMemory();
        TradeView before = w.trade(no);
        long hash = w.ledger.stateHash();

        assertThat(w.apply(confirm(no))).containsExactly(Result.exists);
        assertThat(w.apply(ship(no))).containsExactly(Result.exists);
        assertThat(w.apply(TradeWorld.ship(no, "another"))).containsExactly(Result.trade_status_invalid);
        assertThat(w.apply(pay(no, buyer))).containsExactly(Result.exists);
        assertThat(w.apply(createTrade(no, buyer))).containsExactly(Result.exists);
        assertThat(w.apply(TradeWorld.createTrade(no, buyer, price + 1, io.atta.core.trade.GoodsType.physical)))
                .containsExactly(Result.exists_with_different_fields);
        assertThat(w.apply(closeOrder(no, buyer))).as("a bound order past its deadline still closes")
                .containsExactly(Result.ok);
        assertThat(w.apply(closeOrder(no, buyer))).containsExactly(Result.exists);
        assertThat(w.trade(no)).as("the trade, unchanged by repeats").isEqualTo(before);
        assertThat(w.ledger.trades().tradesInMemory()).isEqualTo(inMemory);
        assertThat(w.ledger.stateHash()).as("only the order's close changed the state").isNotEqualTo(hash);

        long refundable = w.available(buyerWallet);
        assertThat(w.apply(requestRefund(no, 7, price))).containsExactly(Result.ok);
        assertThat(w.ledger.trades().tradesInMemory()).as("a refund request brings it back").isEqualTo(inMemory + 1);
        assertThat(w.ledger.trades().hasOpenTrades(buyer)).isTrue();
        assertThat(w.apply(agree(no, 7))).containsExactly(Result.ok);
        assertThat(w.trade(no).status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(w.available(buyerWallet)).isEqualTo(refundable + price);
        assertThat(w.ledger.trades().tradesInMemory()).as("closed: it leaves again").isEqualTo(inMemory);
        w.assertInvariants();
    }

    @Test
    void aRestoredShardAnswersArchivedTradesAndHashesAlike() throws IOException {
        trade(60, new Random(seed + 4));
        pastPayDeadlines();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(w.ledger, new DataOutputStream(bytes));
        ShardLedger restored = new ShardLedger(0, 0, slot -> slot != TradeWorld.foreignSlot, w.store.copy());
        LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(restored.stateHash()).isEqualTo(w.ledger.stateHash());
        assertThat(restored.trades().tradesInMemory()).isEqualTo(open.size());
        for (long no : finished) {
            assertThat(restored.trades().trade(no)).isEqualTo(w.trade(no));
        }
        long no = finished.get(1);
        long at = w.now;
        assertThat(restored.apply(at, w.commands(confirm(no)))).containsExactly(Result.exists);
        assertThat(w.apply(confirm(no))).containsExactly(Result.exists);
        assertThat(restored.stateHash()).isEqualTo(w.ledger.stateHash());
    }
}
