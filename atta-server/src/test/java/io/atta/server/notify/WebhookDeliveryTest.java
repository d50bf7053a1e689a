package io.atta.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.Ids;
import io.atta.engine.trade.Notification;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merchant webhooks from a real node and server: trade events made with the engine's commands,
 * delivered to a receiver on 127.0.0.1, retried by the schedule, and kept across a restart.
 */
class WebhookDeliveryTest {
    private static final String secret = "whsec_test_0123456789";
    private static final long s = 1_000_000_000L;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A node and its HTTP server (which delivers the webhooks), with the registry its meters go to. */
    private record Node(AttaNode node, AttaServer server, PrometheusMeterRegistry registry) implements AutoCloseable {
        double deliveries(String outcome) {
            return registry.get("atta.webhook.deliveries").tag("outcome", outcome).counter().count();
        }

        double abandoned() {
            return registry.get("atta.webhook.abandoned").counter().count();
        }

        @Override
        public void close() {
            server.close();
            node.close();
        }
    }

    private Node start(NodeOptions options, RetrySchedule retries) {
        AttaNode node = AttaNode.start(options);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AttaServer server = AttaServer.start(node, new ServerOptions("127.0.0.1", 0, "test-admin-key-0123456789")
                .withWebhookRetries(retries).withAllowPrivateWebhooks(true), registry);
        Node n = new Node(node, server, registry);
        open.add(n);
        return n;
    }

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

    @Test
    void a_trade_event_is_delivered_signed_and_leaves_the_outbox() throws Exception {
        Node n = start(NodeOptions.of(dir, 2), RetrySchedule.standard);
        WebhookReceiver receiver = closeAtEnd(WebhookReceiver.accepting());
        // The last slot is on the last shard: the event id names the shard.
        Trades trades = new Trades(n.node(), Ids.slotCount - 1);
        Trades.Merchant shop = trades.merchant(receiver.url(), secret);

        Trades.Paid paid = trades.paidTrade(shop, 1234);

        Await.until("the outbox is empty", trades::outbox, List::isEmpty);
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(1);
        WebhookReceiver.Received r = got.get(0);
        String eventId = "evt_" + paid.shard() + "_1";
        assertThat(paid.shard()).isEqualTo(1);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Atta-Event-Id")).isEqualTo(eventId);
        assertSigned(r);

        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.get("type").asText()).isEqualTo("trade.paid");
        assertThat(body.at("/data/trade_no").asText()).isEqualTo(Long.toString(paid.tradeNo()));
        assertThat(body.at("/data/out_trade_no").asText()).isEqualTo(paid.outTradeNo());
        assertThat(body.at("/data/merchant_id").asText()).isEqualTo(Long.toString(shop.id()));
        assertThat(body.at("/data/status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(body.at("/data/amount").asText()).isEqualTo("12.34");
        assertThat(body.at("/data/currency").asText()).isEqualTo("CNY");
        assertThat(n.deliveries("delivered")).isEqualTo(1);
        assertThat(n.deliveries("failed")).isZero();
    }

    /** On a test clock: each retry waits for the clock to reach its time, and the outbox shows the attempts. */
    @Test
    void failing_twice_then_answering_is_delivered_on_the_third_attempt() {
        Node n = start(NodeOptions.of(dir, 1).withTestClock(true), RetrySchedule.standard);
        WebhookReceiver receiver = closeAtEnd(WebhookReceiver.answering(0, k -> k <= 2 ? 500 : 200));
        Trades trades = new Trades(n.node(), 0);
        trades.paidTrade(trades.merchant(receiver.url(), secret), 500);

        Notification first = Await.until("a first failed delivery is recorded", () -> only(trades.outbox()),
                x -> x != null && x.attempts() == 1);
        assertThat(first.nextAttemptAt()).isBetween(first.at() + 15 * s, n.node().clock().getAsLong() + 15 * s);
        assertThat(receiver.received()).hasSize(1);

        n.node().testClock().orElseThrow().advance(15);
        Notification second = Await.until("a second failed delivery is recorded", () -> only(trades.outbox()),
                x -> x != null && x.attempts() == 2);
        assertThat(second.nextAttemptAt()).isGreaterThanOrEqualTo(first.nextAttemptAt() + 60 * s);
        assertThat(receiver.received()).hasSize(2);

        n.node().testClock().orElseThrow().advance(60);
        Await.until("the outbox is empty", trades::outbox, List::isEmpty);
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(WebhookReceiver.Received::body).containsOnly(got.get(0).body());
        assertThat(got).extracting(x -> x.header("Atta-Event-Id")).containsOnly("evt_0_1");
        assertThat(n.deliveries("failed")).isEqualTo(2);
        assertThat(n.deliveries("delivered")).isEqualTo(1);
        assertThat(trades.abandoned()).isZero();
    }

    @Test
    void an_event_no_receiver_takes_is_abandoned_after_the_last_delivery() {
        Node n = start(NodeOptions.of(dir, 1), RetrySchedule.parse("50ms,50ms"));
        WebhookReceiver receiver = closeAtEnd(WebhookReceiver.answering(0, k -> 503));
        Trades trades = new Trades(n.node(), 0);
        trades.paidTrade(trades.merchant(receiver.url(), secret), 500);

        Await.until("the notification is abandoned", trades::abandoned, a -> a == 1);
        assertThat(trades.outbox()).isEmpty();
        assertThat(receiver.received()).hasSize(3);
        assertThat(n.deliveries("failed")).isEqualTo(3);
        assertThat(n.abandoned()).isEqualTo(1);
    }

    /** With a snapshot, the restarted node reads the outbox from it; without, from the log. */
    @ParameterizedTest(name = "snapshot before the restart: {0}")
    @ValueSource(booleans = {false, true})
    void an_event_made_while_the_receiver_is_down_is_delivered_after_a_restart(boolean snapshot) throws Exception {
        RetrySchedule everySecond = RetrySchedule.parse("1s,".repeat(RetrySchedule.maxIntervals - 1) + "1s");
        int port = WebhookReceiver.closedPort();
        Node first = start(NodeOptions.of(dir, 1), everySecond);
        Trades trades = new Trades(first.node(), 0);
        Trades.Paid paid = trades.paidTrade(trades.merchant("http://127.0.0.1:" + port + WebhookReceiver.path,
                secret), 700);
        Await.until("a failed delivery is recorded", () -> only(trades.outbox()), x -> x != null && x.attempts() >= 1);
        if (snapshot) {
            assertThat(first.node().group(0).snapshotNow().isOk()).isTrue();
        }
        first.close();
        open.remove(first);

        Node second = start(NodeOptions.of(dir, 1), everySecond);
        Trades after = new Trades(second.node(), 0);
        assertThat(only(after.outbox())).as("the notification is still in the outbox after the restart")
                .isNotNull().satisfies(x -> {
                    assertThat(x.tradeNo()).isEqualTo(paid.tradeNo());
                    assertThat(x.attempts()).isPositive();
                });
        WebhookReceiver receiver = closeAtEnd(WebhookReceiver.answering(port, k -> 200));

        Await.until("the outbox is empty", after::outbox, List::isEmpty);
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).header("Atta-Event-Id")).isEqualTo("evt_0_1");
        assertThat(receiver.received().get(0).body()).contains("\"trade_no\":\"" + paid.tradeNo() + "\"");
        assertSigned(receiver.received().get(0));
    }

    private static Notification only(List<Notification> outbox) {
        assertThat(outbox).hasSizeLessThanOrEqualTo(1);
        return outbox.isEmpty() ? null : outbox.get(0);
    }

    /** Checks the signature as a merchant would, with the code docs/API.md shows. */
    private static void assertSigned(WebhookReceiver.Received r) {
        assertThat(r.header("Atta-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(MerchantSignatureCheck.signed(r, secret)).isTrue();
        assertThat(MerchantSignatureCheck.signed(r, "another secret")).isFalse();
    }
}
