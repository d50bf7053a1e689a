package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server on 127.0.0.1 and a free port, and what a merchant integrating with the official
 * Alipay SDK has: an app registered over REST with its own RSA-2048 key pair, the platform's
 * public key from that registration, and a {@link DefaultAlipayClient} pointed at
 * {@code gateway_url}. Buyers are users with topped-up wallets, acting through the REST API.
 */
final class GatewaySdkFixture implements AutoCloseable {
    static final String adminKey = "test-admin-key-0123456789";
    static final ObjectMapper json = new ObjectMapper();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    private final AttaNode node;
    final AttaServer server;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A merchant's registered app: what its integration is configured with. */
    record App(String merchantId, String merchantKey, String appId, KeyPair keys, String alipayPublicKey,
               String gatewayUrl) {
        String appPrivateKey() {
            return RsaKeys.encode(keys.getPrivate());
        }

        DefaultAlipayClient client() {
            return client("RSA2", "utf-8");
        }

        DefaultAlipayClient client(String signType, String charset) {
            return new DefaultAlipayClient(gatewayUrl, appId, appPrivateKey(), "json", charset, alipayPublicKey,
                    signType);
        }
    }

    record Buyer(String id, String token, String wallet) {
    }

    record Reply(int status, JsonNode body, String text, HttpResponse<String> raw) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    GatewaySdkFixture(Path dir) {
        this.node = AttaNode.start(NodeOptions.of(dir, 1));
        this.server = AttaServer.start(node, new ServerOptions("127.0.0.1", 0, adminKey));
        this.base = "http://127.0.0.1:" + server.port();
    }

    static String nextId(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    /** A merchant and its app, registered over REST with a fresh app key pair. */
    App app(String name) {
        Reply m = post("/v1/merchants", adminKey, "{\"name\":\"" + name + "\"}");
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        String merchantId = m.body().get("merchant_id").asText();
        String merchantKey = m.body().get("api_key").asText();
        KeyPair keys = TestKeys.generate(2048);
        Reply a = post("/v1/merchants/" + merchantId + "/apps", merchantKey,
                "{\"public_key\":\"" + RsaKeys.encode(keys.getPublic()) + "\",\"name\":\"" + name + " till\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        JsonNode b = a.body();
        assertThat(b.get("merchant_id").asText()).isEqualTo(merchantId);
        assertThat(b.get("sign_type").asText()).isEqualTo("RSA2");
        assertThat(b.get("gateway_url").asText()).isEqualTo(base + "/gateway.do");
        return new App(merchantId, merchantKey, b.get("app_id").asText(), keys, b.get("alipay_public_key").asText(),
                b.get("gateway_url").asText());
    }

    /** A CNY user whose wallet holds {@code amount}. */
    Buyer buyer(String amount) {
        Reply u = post("/v1/users", adminKey, "{\"currency\":\"CNY\"}");
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        Buyer b = new Buyer(u.body().get("user_id").asText(), u.body().get("token").asText(),
                u.body().get("wallet_account_id").asText());
        Reply t = post("/v1/users/" + b.id() + "/topup", adminKey, "{\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"request_id\":\"" + nextId("fund") + "\"}");
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        return b;
    }

    String balance(Buyer b) {
        Reply r = get("/v1/accounts/" + b.wallet(), adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("balance").asText();
    }

    /** The code the buyer's wallet shows, as a scanner reads it. */
    String paymentCode(Buyer b) {
        Reply r = get("/v1/users/" + b.id() + "/payment-code", b.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("auth_code").asText();
    }

    /** The buyer's wallet, signed in, pays a scanned QR code (or cashier URL): a POST with no form. */
    Reply payAt(String url, Buyer b) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + b.token()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    void assertLedgerConsistent() {
        Reply r = get("/v1/admin/invariants", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("ok").asBoolean()).as(r.toString()).isTrue();
    }

    /** An order any buyer may pay by its qr_code. */
    AlipayTradePrecreateResponse precreate(App app, String outTradeNo, String amount) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("Oolong 500g");
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        return execute(app.client(), request);
    }

    /** A merchant's scanner charging the buyer who showed {@code authCode}. */
    AlipayTradePayResponse pay(App app, String authCode, String outTradeNo, String amount) {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setAuthCode(authCode);
        model.setScene("bar_code");
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("Oolong 500g");
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        return execute(app.client(), request);
    }

    AlipayTradeQueryResponse query(App app, String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return execute(app.client(), request);
    }

    /** Runs a request through the SDK, which checks the answer's signature. */
    static <T extends AlipayResponse> T execute(DefaultAlipayClient client, AlipayRequest<T> request) {
        try {
            return client.execute(request);
        } catch (AlipayApiException e) {
            throw new AssertionError("the SDK refused the answer: " + e.getErrMsg(), e);
        }
    }

    Reply get(String path, String key) {
        return send(request(base + path, key).GET().build());
    }

    Reply post(String path, String key, String body) {
        return send(request(base + path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A form POST to {@code url} as a browser or app sends it. */
    Reply postForm(String url, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Reply getUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpRequest.Builder request(String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = json.readTree(r.body());
            } catch (IOException notJson) {
                // An HTML page or an empty redirect.
            }
            return new Reply(r.statusCode(), body, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        node.close();
    }
}
