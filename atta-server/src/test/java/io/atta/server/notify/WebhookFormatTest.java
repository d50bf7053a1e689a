package io.atta.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.core.Currency;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.Merchant;
import io.atta.engine.trade.Notification;
import io.atta.server.secrets.MasterKey;
import io.atta.server.secrets.MasterKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookFormatTest {
    private static final long paidAt = Instant.parse("2026-11-21T08:30:15.250Z").toEpochMilli() * 1_000_000L;
    private static final Clock signedAt = Clock.fixed(Instant.parse("2026-11-21T08:30:16Z"), ZoneOffset.UTC);
    /** As the shard keeps it: the secret sealed under the node's master key. */
    private static final Merchant shop = new Merchant(42, 43, 6000, "Shop", "https://shop.example/hooks?x=1",
            MasterKey.ephemeral().seal("whsec_s3cr3t"), 0);
    private final WebhookFormat format = new WebhookFormat(signedAt, MasterKey.ephemeral());

    private static Delivery delivery(TradeEventType event, TradeStatus status, long refundId, long amount) {
        Notification n = new Notification(7, 42, 9_000_000_001L, "order-1", event, status, refundId, amount,
                Currency.CNY.ledger(), paidAt, 2, paidAt);
        return new Delivery(3, n, shop);
    }

    @Test
    void the_body_is_the_event_with_its_trade() throws Exception {
        JsonNode body = new ObjectMapper().readTree(WebhookFormat.body(
                delivery(TradeEventType.paid, TradeStatus.WAIT_SELLER_SEND_GOODS, 0, 1234)));

        assertThat(body.get("id").asText()).isEqualTo("evt_3_7");
        assertThat(body.get("type").asText()).isEqualTo("trade.paid");
        assertThat(body.get("created").asText()).isEqualTo("2026-11-21T08:30:15.250Z");
        JsonNode data = body.get("data");
        assertThat(data.get("trade_no").asText()).isEqualTo("9000000001");
        assertThat(data.get("out_trade_no").asText()).isEqualTo("order-1");
        assertThat(data.get("merchant_id").asText()).isEqualTo("42");
        assertThat(data.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(data.get("amount").asText()).isEqualTo("12.34");
        assertThat(data.get("currency").asText()).isEqualTo("CNY");
        assertThat(data.has("refund_id")).as("no refund, no refund_id").isFalse();
        assertThat(body.size()).isEqualTo(4);
        assertThat(data.size()).isEqualTo(6);
    }

    @Test
    void a_refund_event_names_its_refund() throws Exception {
        JsonNode body = new ObjectMapper().readTree(WebhookFormat.body(
                delivery(TradeEventType.refunded, TradeStatus.TRADE_CLOSED, 77, 500)));

        assertThat(body.get("type").asText()).isEqualTo("trade.refunded");
        assertThat(body.at("/data/refund_id").asText()).isEqualTo("77");
        assertThat(body.at("/data/amount").asText()).isEqualTo("5.00");
    }

    @Test
    void the_request_is_signed_with_the_merchants_secret_over_time_and_body() throws Exception {
        Delivery d = delivery(TradeEventType.paid, TradeStatus.WAIT_SELLER_SEND_GOODS, 0, 1234);
        HttpRequest r = format.request(d).build();
        byte[] body = bodyOf(r);

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo(URI.create("https://shop.example/hooks?x=1"));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Atta-Event-Id")).hasValue("evt_3_7");
        assertThat(body).isEqualTo(WebhookFormat.body(d));

        String signature = r.headers().firstValue("Atta-Signature").orElseThrow();
        assertThat(signature).matches("t=1795249816,v1=[0-9a-f]{64}");
        // Verified as a receiver would: its own HMAC over "<t>.<body>".
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(
                mac.doFinal(("1795249816." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo("t=1795249816,v1=" + expected);
    }

    @Test
    void a_secret_sealed_under_another_master_key_is_not_delivered_and_says_why(@TempDir Path other) {
        Delivery sealedElsewhere = new Delivery(3, delivery(TradeEventType.paid, TradeStatus.WAIT_SELLER_SEND_GOODS,
                0, 1).notification(), new Merchant(42, 43, 0, "Shop", "https://shop.example/hooks",
                MasterKeyFile.loadOrCreate(other).seal("whsec_s3cr3t"), 0));

        assertThatThrownBy(() -> format.request(sealedElsewhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook secret of merchant 42 cannot be opened")
                .hasMessageContaining("master.key")
                .hasMessageNotContaining("whsec_s3cr3t");
    }

    @Test
    void a_merchant_made_before_sealing_signs_with_its_plaintext_secret() throws Exception {
        Delivery d = new Delivery(3, delivery(TradeEventType.paid, TradeStatus.WAIT_SELLER_SEND_GOODS, 0, 1)
                .notification(), new Merchant(42, 43, 0, "Shop", "https://shop.example/hooks", "whsec_s3cr3t", 0));
        HttpRequest r = format.request(d).build();

        assertThat(r.headers().firstValue("Atta-Signature").orElseThrow()).isEqualTo(
                WebhookSignature.header("whsec_s3cr3t", 1795249816L, bodyOf(r)));
    }

    @Test
    void a_known_hmac_vector() {
        // HMAC-SHA256 of "1.{}" with key "key", as `printf '1.{}' | openssl dgst -sha256 -hmac key` gives.
        assertThat(WebhookSignature.header("key", 1, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224");
    }

    @Test
    void any_2xx_is_delivered_and_nothing_else() {
        assertThat(format.delivered(200, "")).isTrue();
        assertThat(format.delivered(204, "")).isTrue();
        assertThat(format.delivered(299, "")).isTrue();
        assertThat(format.delivered(301, "")).isFalse();
        assertThat(format.delivered(404, "success")).isFalse();
        assertThat(format.delivered(500, "")).isFalse();
    }

    @Test
    void a_merchant_without_a_webhook_url_cannot_be_delivered_to() {
        Delivery d = new Delivery(0, delivery(TradeEventType.paid, TradeStatus.WAIT_SELLER_SEND_GOODS, 0, 1)
                .notification(), new Merchant(42, 43, 0, "Shop", "", "s", 0));

        assertThatThrownBy(() -> format.request(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no webhook URL");
    }

    /** The bytes a request's body publisher sends. */
    private static byte[] bodyOf(HttpRequest r) {
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable t) {
                out.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                out.complete(bytes.toByteArray());
            }
        });
        return out.join();
    }
}
