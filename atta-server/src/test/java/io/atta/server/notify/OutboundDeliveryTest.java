package io.atta.server.notify;

import com.sun.net.httpserver.HttpServer;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.Currency;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.Merchant;
import io.atta.engine.trade.Notification;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;
import io.atta.server.outbound.HostResolver;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.secrets.MasterKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries are checked again when they are made: a host that resolves to a non-public address
 * now is refused with no connection, and a redirect is never followed. Receivers listen on
 * 127.0.0.1; names resolve through the test's own resolver, so nothing leaves the machine.
 */
class OutboundDeliveryTest {
    private static final String secret = "whsec_outbound_0123456789";

    private static Delivery delivery(String webhookUrl) {
        Notification n = new Notification(1, 42, 9_000_000_001L, "order-1", TradeEventType.paid,
                TradeStatus.WAIT_SELLER_SEND_GOODS, 0, 100, Currency.CNY.ledger(), 0, 0, 0);
        return new Delivery(0, n, new Merchant(42, 43, 0, "Shop", webhookUrl, MasterKey.ephemeral().seal(secret), 0));
    }

    private static HostResolver resolving(String name, String address) {
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    @Test
    void a_name_that_resolves_to_loopback_is_refused_before_any_connection() throws Exception {
        OutboundUrlValidator urls = new OutboundUrlValidator(false, resolving("shop.example", "127.0.0.1"));
        try (WebhookReceiver receiver = WebhookReceiver.accepting(); DeliveryClient client = new DeliveryClient(urls)) {
            String url = "http://shop.example:" + receiver.port() + WebhookReceiver.path;

            DeliveryClient.Attempt a = client.send(delivery(url), new WebhookFormat(Clock.systemUTC(),
                    MasterKey.ephemeral())).get(10, TimeUnit.SECONDS);

            assertThat(a.delivered()).isFalse();
            assertThat(a.what()).isEqualTo("refused before connecting: the host shop.example resolves to 127.0.0.1,"
                    + " loopback (127.0.0.0/8)");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void with_private_webhooks_allowed_localhost_is_delivered_to_and_signed() throws Exception {
        OutboundUrlValidator urls = new OutboundUrlValidator(true, HostResolver.system);
        try (WebhookReceiver receiver = WebhookReceiver.accepting(); DeliveryClient client = new DeliveryClient(urls)) {
            String url = "http://localhost:" + receiver.port() + WebhookReceiver.path;

            DeliveryClient.Attempt a = client.send(delivery(url), new WebhookFormat(Clock.systemUTC(),
                    MasterKey.ephemeral())).get(10, TimeUnit.SECONDS);

            assertThat(a.delivered()).as(a.what()).isTrue();
            assertThat(receiver.received()).singleElement()
                    .satisfies(r -> assertThat(MerchantSignatureCheck.signed(r, secret)).isTrue());
        }
    }

    @Test
    void a_302_to_loopback_is_a_failed_delivery_and_is_not_followed() throws Exception {
        OutboundUrlValidator urls = new OutboundUrlValidator(true, HostResolver.system);
        AtomicInteger redirected = new AtomicInteger();
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        try (WebhookReceiver target = WebhookReceiver.accepting(); DeliveryClient client = new DeliveryClient(urls)) {
            redirecting.createContext("/", exchange -> {
                redirected.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", target.url());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            redirecting.start();
            String url = "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook";

            DeliveryClient.Attempt a = client.send(delivery(url), new WebhookFormat(Clock.systemUTC(),
                    MasterKey.ephemeral())).get(10, TimeUnit.SECONDS);

            assertThat(a.delivered()).isFalse();
            assertThat(a.what()).isEqualTo("HTTP 302 (redirects are not followed)");
            assertThat(redirected.get()).isEqualTo(1);
            assertThat(target.received()).isEmpty();
        } finally {
            redirecting.stop(0);
        }
    }

    /**
     * A server as in production (public targets only) whose merchant's URL names this machine —
     * kept from before the checks, or a name whose DNS changed: the delivery is a failed attempt
     * recorded in the outbox, and the receiver hears nothing.
     */
    @Test
    void a_delivery_to_localhost_is_recorded_as_failed_and_nothing_is_sent(@TempDir Path dir) {
        AttaNode node = AttaNode.start(NodeOptions.of(dir, 1).withTestClock(true));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             AttaServer server = AttaServer.start(node, new ServerOptions("127.0.0.1", 0, "test-admin-key-0123456789"),
                     registry)) {
            Trades trades = new Trades(node, 0);
            trades.paidTrade(trades.merchant("http://localhost:" + receiver.port() + WebhookReceiver.path, secret), 500);

            List<Notification> outbox = Await.until("a failed delivery is recorded", trades::outbox,
                    l -> l.size() == 1 && l.get(0).attempts() == 1);
            assertThat(outbox.get(0).nextAttemptAt()).isGreaterThan(outbox.get(0).at());
            assertThat(registry.get("atta.webhook.deliveries").tag("outcome", "failed").counter().count()).isEqualTo(1);
            assertThat(receiver.received()).isEmpty();
        } finally {
            node.close();
        }
    }
}
