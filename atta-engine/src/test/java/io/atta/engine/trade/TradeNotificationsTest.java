package io.atta.engine.trade;

import static io.atta.core.trade.TradeEventType.*;
import static io.atta.core.trade.TradeStatus.*;
import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.R2;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.T2;
import static io.atta.engine.trade.TradeWorld.agree;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.closeOrder;
import static io.atta.engine.trade.TradeWorld.decide;
import static io.atta.engine.trade.TradeWorld.dispute;
import static io.atta.engine.trade.TradeWorld.extend;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.price;
import static io.atta.engine.trade.TradeWorld.reject;
import static io.atta.engine.trade.TradeWorld.requestRefund;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.ship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.atta.core.command.CreateTrade;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeKind;
import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.gateway.GatewayNotification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The merchant notifications a shard's outbox holds: one per event of a trade whose merchant
 * asked for them, carrying the trade's status right after the event, in order; and what
 * recording a delivery attempt does to them.
 */
class TradeNotificationsTest {
    private final TradeWorld w = TradeWorld.build();

    /** The whole outbox, by number: the merchants' webhooks and the gateway's notifications. */
    private List<Notification> outbox() {
        return java.util.stream.Stream.concat(
                        w.ledger.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE).stream(),
                        gatewayOutbox().stream().map(GatewayNotification::notification))
                .sorted(java.util.Comparator.comparingLong(Notification::seq)).toList();
    }

    /** The gateway module's outbox, by number. */
    private List<GatewayNotification> gatewayOutbox() {
        return w.ledger.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                .sorted(java.util.Comparator.comparingLong(GatewayNotification::seq)).toList();
    }

    @Test
    void everyEventOfATradeLifeIsNotifiedWithTheStatusAfterIt() {
        w.paid(T1).ok(ship(T1)).ok(extend(T1, 3600)).ok(requestRefund(T1, R1, 2_500)).ok(reject(T1, R1))
                .ok(dispute(T1, R1)).ok(decide(T1, R1, false));
        w.at(w.trade(T1).confirmAt()).tick();
        w.ok(requestRefund(T1, R2, price)).ok(agree(T1, R2));

        assertThat(outbox()).extracting(Notification::event, Notification::status, Notification::refundId,
                Notification::amount).containsExactly(
                        tuple(paid, WAIT_SELLER_SEND_GOODS, 0L, price),
                        tuple(shipped, WAIT_BUYER_CONFIRM_GOODS, 0L, 0L),
                        tuple(confirm_extended, WAIT_BUYER_CONFIRM_GOODS, 0L, 0L),
                        tuple(refund_requested, WAIT_BUYER_CONFIRM_GOODS, R1, 2_500L),
                        tuple(refund_rejected, WAIT_BUYER_CONFIRM_GOODS, R1, 0L),
                        tuple(refund_disputed, WAIT_BUYER_CONFIRM_GOODS, R1, 2_500L),
                        tuple(dispute_denied, WAIT_BUYER_CONFIRM_GOODS, R1, 0L),
                        tuple(auto_confirmed, TRADE_FINISHED, 0L, price),
                        tuple(refund_requested, TRADE_FINISHED, R2, price),
                        tuple(refunded, TRADE_FINISHED, R2, price),
                        tuple(closed, TRADE_CLOSED, 0L, 0L));
        assertThat(outbox()).extracting(Notification::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
                11L);
        assertThat(outbox()).allSatisfy(n -> {
            assertThat(n.tradeNo()).isEqualTo(T1);
            assertThat(n.merchantId()).isEqualTo(seller);
            assertThat(n.outTradeNo()).isEqualTo("out-" + T1);
            assertThat(n.attempts()).isZero();
            assertThat(n.nextAttemptAt()).as("due at once").isEqualTo(n.at());
        });
        assertThat(outbox().get(7).at()).isEqualTo(w.trade(T1).finishedAt());
    }

    @Test
    void ordersClosedByTheSellerOrByTheClockAreNotified() {
        w.unpaid(T1).unpaid(T2).ok(closeOrder(T1));
        w.at(w.order(T2).payDeadline()).tick();

        assertThat(outbox()).extracting(Notification::tradeNo, Notification::event, Notification::status)
                .containsExactly(tuple(T1, closed, TRADE_CLOSED), tuple(T2, auto_closed, TRADE_CLOSED));
    }

    @Test
    void aRequestGrantedByTimeIsNotified() {
        w.paid(T1).ok(requestRefund(T1, R1, price));
        w.at(w.refund(T1, R1).answerBy()).tick();

        assertThat(outbox()).extracting(Notification::event, Notification::status).containsExactly(
                tuple(paid, WAIT_SELLER_SEND_GOODS), tuple(refund_requested, WAIT_SELLER_SEND_GOODS),
                tuple(refund_auto_granted, WAIT_SELLER_SEND_GOODS), tuple(closed, TRADE_CLOSED));
    }

    @Test
    void aMerchantThatDidNotAskIsNotNotified() {
        w.ok(new CreateTrade(T1, seller, "quiet", 0, price, TradeWorld.cny, 0, 60, false, ""));
        w.ok(TradeWorld.bind(T1, buyer)).ok((TradeWorld.Step) x -> x.payCommand(T1, buyer, TradeWorld.buyerWallet, 0))
                .ok(ship(T1)).ok(requestRefund(T1, R1, price)).ok(agree(T1, R1));
        w.ok(new CreateTrade(T2, seller, "quiet too", 0, price, TradeWorld.cny, 0, 60, false, ""));
        w.advanceSeconds(61).tick();

        assertThat(w.trade(T1).events()).hasSizeGreaterThan(3);
        assertThat(w.order(T2).closedAt()).isNotZero();
        assertThat(w.ledger.trades().outboxSize()).isZero();
    }

    @Test
    void aFailedDeliveryWaitsForItsNextAttemptAndCountsIt() {
        w.paid(T1).ok(ship(T1));
        long retryAt = w.now + 30 * TradeWorld.secondNs;

        assertThat(w.apply(new RecordDelivery(1, RecordDelivery.Outcome.retry, retryAt))).containsExactly(Result.ok);
        assertThat(w.ledger.trades().notificationsDue(retryAt - 1, 10)).extracting(Notification::seq)
                .containsExactly(2L);
        // The longest due first: the shipment has waited since it happened, the retry only since retryAt.
        assertThat(w.ledger.trades().notificationsDue(retryAt, 10)).extracting(Notification::seq)
                .containsExactly(2L, 1L);
        assertThat(w.ledger.trades().notificationsDue(retryAt, 1)).extracting(Notification::seq).containsExactly(2L);

        w.ok(new RecordDelivery(1, RecordDelivery.Outcome.retry, retryAt + 1));
        assertThat(outbox().get(0).attempts()).isEqualTo(2);
        assertThat(outbox().get(0).event()).as("the notification itself is unchanged").isEqualTo(paid);

        w.ok(new RecordDelivery(1, RecordDelivery.Outcome.abandoned, 0), new RecordDelivery(2,
                RecordDelivery.Outcome.delivered, 0));
        assertThat(w.ledger.trades().outboxSize()).isZero();
        assertThat(w.ledger.trades().abandonedNotifications()).isEqualTo(1);
        assertThat(w.apply(new RecordDelivery(1, RecordDelivery.Outcome.delivered, 0)))
                .containsExactly(Result.notification_not_found);

        w.ok(TradeWorld.confirm(T1));
        assertThat(outbox()).extracting(Notification::seq).as("numbers are never reused").containsExactly(3L);
    }

    @Test
    void theUnpaidTradeRecordOnTheBuyersShardIsNotNotifiedTwice() {
        w.bound(T1).ok(TradeWorld.closeUnpaid(T1), closeOrder(T1, TradeWorld.buyer));

        assertThat(outbox()).extracting(Notification::event).containsExactly(closed);
        assertThat(w.apply(pay(T1, buyer))).containsExactly(Result.trade_closed);
    }

    @Test
    void aGatewayTradeNotifiesItsPaymentEachRefundAndTheEndOfItsWindowAndNothingElse() {
        w.ok(TradeWorld.createGatewayTrade(T1, buyer, TradeKind.instant)).ok(pay(T1, buyer))
                .ok(TradeWorld.sellerRefund(T1, R1, 2_000)).ok(requestRefund(T1, R2, 1_000)).ok(agree(T1, R2));
        w.at(w.trade(T1).refundWindowEndsAt()).tick();

        assertThat(outbox()).extracting(Notification::event, Notification::status, Notification::refundId,
                Notification::amount).containsExactly(
                        tuple(paid, TRADE_SUCCESS, 0L, price),
                        tuple(refunded, TRADE_SUCCESS, R1, 2_000L),
                        tuple(refunded, TRADE_SUCCESS, R2, 1_000L),
                        tuple(refund_window_ended, TRADE_FINISHED, 0L, 0L));
        assertThat(gatewayOutbox()).extracting(n -> n.notice().refundedTotal(), n -> n.notice().outRequestNo())
                .as("refunded so far, and the refund's out_request_no").containsExactly(tuple(0L, ""),
                        tuple(2_000L, "req-" + R1), tuple(3_000L, "req-" + R2), tuple(3_000L, ""));
        GatewayNotice expected = new GatewayNotice(TradeWorld.app, TradeWorld.notifyUrl, "Longjing tea, 250 g", buyer,
                price, w.order(T1).createdAt(), w.trade(T1).paidAt(), 0, "");
        assertThat(gatewayOutbox()).allSatisfy(n -> {
            assertThat(n.notice()).usingRecursiveComparison().ignoringFields("refundedTotal", "outRequestNo")
                    .isEqualTo(expected);
            assertThat(n.notification().merchantId()).isEqualTo(seller);
            assertThat(n.notification().outTradeNo()).isEqualTo("out-" + T1);
        });
    }

    @Test
    void aGatewayRefundOfEverythingIsNotifiedWithTheClosedStatusAndAnUnpaidCloseIsNot() {
        long t3 = TradeWorld.tradeNo(3);
        w.ok(TradeWorld.createGatewayTrade(T1, buyer, TradeKind.escrow)).ok(pay(T1, buyer)).ok(ship(T1))
                .ok(requestRefund(T1, R1, price)).ok(dispute(T1, R1)).ok(decide(T1, R1, true));
        w.ok(TradeWorld.createGatewayTrade(T2, 0, TradeKind.instant)).ok(closeOrder(T2));
        w.ok(TradeWorld.createGatewayTrade(t3, buyer, TradeKind.instant)).ok(pay(t3, buyer))
                .ok(requestRefund(t3, R1, price));
        w.at(w.refund(t3, R1).answerBy()).tick();

        assertThat(gatewayOutbox()).extracting(n -> n.notification().tradeNo(), n -> n.notification().event(),
                n -> n.notification().status(), n -> n.notice().refundedTotal()).containsExactly(
                        tuple(T1, paid, WAIT_SELLER_SEND_GOODS, 0L),
                        tuple(T1, refunded, TRADE_CLOSED, price),
                        tuple(t3, paid, TRADE_SUCCESS, 0L),
                        tuple(t3, refund_auto_granted, TRADE_CLOSED, price));
        assertThat(w.trade(t3).events()).extracting(TradeEvent::type).contains(closed);
    }

    @Test
    void aRetriedGatewayNotificationKeepsWhatTheGatewayNeeds() {
        w.ok(TradeWorld.createGatewayTrade(T1, buyer, TradeKind.instant)).ok(pay(T1, buyer));
        GatewayNotification first = gatewayOutbox().get(0);

        w.ok(new RecordDelivery(first.seq(), RecordDelivery.Outcome.retry, w.now + TradeWorld.secondNs));

        assertThat(gatewayOutbox().get(0).notification().attempts()).isEqualTo(1);
        assertThat(gatewayOutbox().get(0).notice()).isNotNull().isEqualTo(first.notice());
    }

    @Test
    void aTradeWithoutANotifyUrlStillGetsWebhooksOnly() {
        w.instantPaid(T1).ok(TradeWorld.sellerRefund(T1, R1, 100));

        assertThat(gatewayOutbox()).as("no gateway notification").isEmpty();
        assertThat(outbox()).extracting(Notification::event, Notification::status)
                .containsExactly(tuple(paid, TRADE_SUCCESS), tuple(refunded, TRADE_SUCCESS));
    }
}
