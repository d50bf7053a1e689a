package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.atta.engine.gateway.GatewayNotification;
import io.atta.engine.trade.Notification;
import io.atta.server.gateway.NotifyReceiver.Answer;
import io.atta.server.gateway.NotifyReceiver.Received;
import io.atta.server.notify.Await;
import io.atta.server.notify.RetrySchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alipay's {@code trade_status_sync} notifications end to end: trades made with the official SDK
 * and a {@code notify_url}, notifications received by a merchant on 127.0.0.1 and checked with
 * the SDK's own {@code rsaCheckV1}, retried until the merchant answers {@code success}, and kept
 * across a restart.
 */
class GatewayNotifyTest {
    private static final String gmt = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
    private static final GatewayOptions fast = GatewayOptions.standard
            .withNotifyRetries(RetrySchedule.parse("100ms,200ms,200ms"));

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    private <T extends AutoCloseable> T closeAtEnd(T c) {
        open.add(c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A trade paid with the buyer's payment code through the SDK, its notifications going to {@code notifyUrl}. */
    private static AlipayTradePayResponse pay(GatewayServer s, GatewayServer.App app, GatewayServer.Buyer buyer,
                                              String outTradeNo, String amount, String notifyUrl)
            throws AlipayApiException {
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setNotifyUrl(notifyUrl);
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"scene\":\"bar_code\",\"auth_code\":\""
                + s.authCode(buyer) + "\",\"subject\":\"A teapot\",\"total_amount\":\"" + amount + "\"}");
        AlipayTradePayResponse r = app.client().execute(request);
        assertThat(r.isSuccess()).as("%s %s", r.getSubCode(), r.getSubMsg()).isTrue();
        return r;
    }

    private static AlipayTradeRefundResponse refund(AlipayClient client, String outTradeNo, String amount,
                                                    String outRequestNo) throws AlipayApiException {
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\"" + amount
                + "\",\"out_request_no\":\"" + outRequestNo + "\"}");
        AlipayTradeRefundResponse r = client.execute(request);
        assertThat(r.isSuccess()).as("%s %s", r.getSubCode(), r.getSubMsg()).isTrue();
        return r;
    }

    /** The gateway's outbox on the shard. */
    private static List<Notification> outbox(GatewayServer s) {
        return s.node.read(0, l -> l.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                        .map(GatewayNotification::notification).toList())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static long abandoned(GatewayServer s) {
        return s.node.read(0, l -> l.trades().abandonedNotifications()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static boolean verifies(Map<String, String> fields, String alipayPublicKey) {
        try {
            return AlipaySignature.rsaCheckV1(new HashMap<>(fields), alipayPublicKey, "utf-8", "RSA2");
        } catch (AlipayApiException e) {
            return false;
        }
    }

    @Test
    void a_paid_trade_notifies_the_merchant_with_a_notification_the_sdk_verifies() throws Exception {
        GatewayServer s = closeAtEnd(GatewayServer.start(dir, fast));
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(0, n -> Answer.success));
        GatewayServer.App app = s.app("Tea House");
        GatewayServer.Buyer buyer = s.buyer("50.00");

        AlipayTradePayResponse paid = pay(s, app, buyer, "order-1", "12.30", merchant.url());

        Await.until("the notification is taken", () -> outbox(s), List::isEmpty);
        assertThat(merchant.received()).hasSize(1);
        Received r = merchant.received().get(0);
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        Map<String, String> f = r.fields();
        assertThat(verifies(f, app.alipayPublicKey())).as("rsaCheckV1 of %s", f).isTrue();
        assertThat(f).containsEntry("notify_type", "trade_status_sync")
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("out_trade_no", "order-1")
                .containsEntry("trade_no", paid.getTradeNo())
                .containsEntry("total_amount", "12.30")
                .containsEntry("app_id", app.appId())
                .containsEntry("buyer_id", buyer.id())
                .containsEntry("seller_id", app.merchantId())
                .containsEntry("sign_type", "RSA2")
                .containsEntry("charset", "utf-8")
                .containsEntry("auth_app_id", app.appId())
                .containsEntry("version", "1.0")
                .containsEntry("subject", "A teapot")
                .containsEntry("receipt_amount", "12.30")
                .containsEntry("buyer_pay_amount", "12.30")
                .containsKeys("notify_id", "notify_time", "fund_bill_list");
        assertThat(f.get("gmt_create")).matches(gmt);
        assertThat(f.get("gmt_payment")).matches(gmt);
        assertThat(f.get("notify_time")).matches(gmt);
        assertThat(f).doesNotContainKeys("refund_fee", "gmt_refund", "out_biz_no");

        for (String field : List.of("total_amount", "trade_status", "out_trade_no", "notify_id")) {
            Map<String, String> tampered = new HashMap<>(f);
            tampered.put(field, f.get(field) + "0");
            assertThat(verifies(tampered, app.alipayPublicKey())).as("tampered %s", field).isFalse();
        }
        Map<String, String> added = new HashMap<>(f);
        added.put("refund_fee", "12.30");
        assertThat(verifies(added, app.alipayPublicKey())).as("a field added").isFalse();
        GatewayServer.App other = s.app("Another shop");
        assertThat(other.alipayPublicKey()).isEqualTo(app.alipayPublicKey());
        assertThat(verifies(f, TestKeys.platformPublicBase64())).as("another key").isFalse();
    }

    @Test
    void the_standard_schedule_makes_8_deliveries_over_about_25_hours() {
        RetrySchedule standard = GatewayOptions.standard.notifyRetries();
        assertThat(standard.maxDeliveries()).isEqualTo(8);
        long at = 0;
        for (int delivery = 1; delivery < 8; delivery++) {
            at = standard.nextAttemptAt(delivery, at);
        }
        assertThat(Duration.ofNanos(at)).isEqualTo(Duration.ofMinutes(4 + 10 + 10).plusHours(1 + 2 + 6 + 15));
        assertThat(standard.nextAttemptAt(8, at)).as("after the 8th delivery").isNegative();
    }

    @Test
    void a_merchant_answering_500_then_fail_gets_the_same_notification_until_it_answers_success() throws Exception {
        GatewayServer s = closeAtEnd(GatewayServer.start(dir, fast));
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(0, n -> switch (n) {
            case 1 -> new Answer(500, "success");
            case 2 -> new Answer(200, "fail");
            default -> new Answer(200, " success\n");
        }));
        GatewayServer.App app = s.app("Tea House");
        pay(s, app, s.buyer("10.00"), "order-2", "10.00", merchant.url());

        Await.until("three deliveries", () -> merchant.received().size(), n -> n >= 3);
        // The outbox empties once the third delivery is recorded: nothing is left to deliver.
        Await.until("the notification leaves the outbox", () -> outbox(s), List::isEmpty);
        List<Received> got = merchant.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(x -> x.fields().get("notify_id")).containsOnly(got.get(0).fields().get("notify_id"));
        assertThat(got).allSatisfy(x -> assertThat(verifies(x.fields(), app.alipayPublicKey())).isTrue());
        assertThat(abandoned(s)).isZero();
    }

    @Test
    void refunds_notify_the_refunded_total_and_a_full_refund_closes_the_trade() throws Exception {
        GatewayServer s = closeAtEnd(GatewayServer.start(dir, fast));
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(0, n -> Answer.success));
        GatewayServer.App app = s.app("Tea House");
        GatewayServer.Buyer buyer = s.buyer("10.00");
        AlipayTradePayResponse paid = pay(s, app, buyer, "order-3", "10.00", merchant.url());
        Await.until("the payment is notified", () -> merchant.received().size(), n -> n == 1);

        refund(app.client(), "order-3", "3.00", "refund-1");
        Map<String, String> first = Await.until("the first refund is notified", merchant::received,
                x -> x.size() == 2).get(1).fields();
        assertThat(verifies(first, app.alipayPublicKey())).isTrue();
        assertThat(first).containsEntry("trade_no", paid.getTradeNo())
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("refund_fee", "3.00")
                .containsEntry("out_biz_no", "refund-1")
                .containsEntry("total_amount", "10.00");
        assertThat(first.get("gmt_refund")).matches(gmt + "(\\.\\d{3})?");
        assertThat(s.balance(buyer.wallet())).isEqualTo("3.00");

        refund(app.client(), "order-3", "7.00", "refund-2");
        Map<String, String> last = Await.until("the full refund is notified", merchant::received,
                x -> x.size() == 3).get(2).fields();
        assertThat(verifies(last, app.alipayPublicKey())).isTrue();
        assertThat(last).containsEntry("trade_status", "TRADE_CLOSED")
                .containsEntry("refund_fee", "10.00")
                .containsEntry("out_biz_no", "refund-2");
        assertThat(last.get("notify_id")).isNotEqualTo(first.get("notify_id"));
        assertThat(s.balance(buyer.wallet())).isEqualTo("10.00");
    }

    @Test
    void the_end_of_the_refund_window_notifies_trade_finished() throws Exception {
        GatewayServer s = closeAtEnd(GatewayServer.start(dir, fast.withRefundWindowSeconds(1)));
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(0, n -> Answer.success));
        GatewayServer.App app = s.app("Tea House");
        AlipayTradePayResponse paid = pay(s, app, s.buyer("4.00"), "order-6", "4.00", merchant.url());

        List<Received> got = Await.until("the payment and the window's end are notified", merchant::received,
                x -> x.size() >= 2);
        assertThat(got).hasSize(2);
        Map<String, String> f = got.get(1).fields();
        assertThat(verifies(f, app.alipayPublicKey())).isTrue();
        assertThat(f).containsEntry("trade_no", paid.getTradeNo())
                .containsEntry("trade_status", "TRADE_FINISHED")
                .containsEntry("total_amount", "4.00")
                .doesNotContainKeys("refund_fee", "out_biz_no");
    }

    @Test
    void a_notification_the_merchant_never_takes_is_abandoned_after_the_last_delivery() throws Exception {
        GatewayServer s = closeAtEnd(GatewayServer.start(dir,
                GatewayOptions.standard.withNotifyRetries(RetrySchedule.parse("100ms,100ms"))));
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(0, n -> new Answer(200, "fail")));
        GatewayServer.App app = s.app("Tea House");
        pay(s, app, s.buyer("5.00"), "order-4", "5.00", merchant.url());

        Await.until("the notification is abandoned", () -> abandoned(s), a -> a == 1);
        assertThat(outbox(s)).isEmpty();
        assertThat(merchant.received()).hasSize(3);
    }

    @Test
    void a_notification_pending_across_a_restart_is_delivered_after_it_signed_with_the_same_key() throws Exception {
        GatewayOptions retrying = GatewayOptions.standard.withNotifyRetries(
                RetrySchedule.parse("300ms,".repeat(RetrySchedule.maxIntervals - 1) + "300ms"));
        int port = NotifyReceiver.closedPort();
        GatewayServer first = closeAtEnd(GatewayServer.start(dir, retrying));
        GatewayServer.App app = first.app("Tea House");
        AlipayTradePayResponse paid = pay(first, app, first.buyer("8.00"), "order-5", "8.00",
                NotifyReceiver.url(port));
        Await.until("a failed delivery is recorded", () -> outbox(first),
                x -> x.size() == 1 && x.get(0).attempts() >= 1);
        first.close();
        open.remove(first);

        GatewayServer second = closeAtEnd(GatewayServer.start(dir, retrying));
        assertThat(outbox(second)).as("still pending after the restart").hasSize(1);
        NotifyReceiver merchant = closeAtEnd(NotifyReceiver.answering(port, n -> Answer.success));

        Await.until("the notification is taken", () -> outbox(second), List::isEmpty);
        assertThat(merchant.received()).hasSize(1);
        Map<String, String> f = merchant.received().get(0).fields();
        assertThat(f).containsEntry("trade_no", paid.getTradeNo()).containsEntry("trade_status", "TRADE_SUCCESS");
        assertThat(verifies(f, app.alipayPublicKey())).as("signed with the key from before the restart").isTrue();
        assertThat(second.call("GET", "/v1/merchants/" + app.merchantId() + "/apps", null, 200)
                .at("/apps/0/alipay_public_key").asText()).isEqualTo(app.alipayPublicKey());
    }
}
