package io.atta.server.gateway;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node (one shard, in a data directory) and server on 127.0.0.1 and a free port, with
 * the REST calls gateway tests make to set up merchants, apps and buyers as an operator would.
 */
final class GatewayServer implements AutoCloseable {
    static final String adminKey = "test-admin-key-0123456789";
    private static final ObjectMapper json = new ObjectMapper();

    final AttaNode node;
    final AttaServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A merchant and its gateway app, whose key pair is {@link TestKeys#app}. */
    record App(String merchantId, String appId, String alipayPublicKey, String gatewayUrl) {
        AlipayClient client() {
            return new DefaultAlipayClient(gatewayUrl, appId, TestKeys.appPrivateBase64(), "json", "utf-8",
                    alipayPublicKey, "RSA2");
        }
    }

    /** A buyer: the user and the wallet payments come from. */
    record Buyer(String id, String wallet) {
    }

    private GatewayServer(Path dir, GatewayOptions gateway, boolean allowPrivateWebhooks) {
        this(dir, gateway, allowPrivateWebhooks, 1);
    }

    private GatewayServer(Path dir, GatewayOptions gateway, boolean allowPrivateWebhooks, int shards) {
        node = AttaNode.start(NodeOptions.of(dir.resolve("node"), shards));
        server = AttaServer.start(node, new ServerOptions("127.0.0.1", 0, adminKey)
                .withGateway(gateway.withDataDirectory(dir)).withAllowPrivateWebhooks(allowPrivateWebhooks),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * A server whose node and platform keys live in {@code dir}: a restart on it finds both. Its
     * notify URLs may be on 127.0.0.1 ({@code --allow-private-webhooks}), where test merchants listen.
     */
    static GatewayServer start(Path dir, GatewayOptions gateway) {
        return new GatewayServer(dir, gateway, true);
    }

    /** As {@link #start}, on a node of {@code shards} shards (trades whose parties live apart). */
    static GatewayServer startOnShards(Path dir, GatewayOptions gateway, int shards) {
        return new GatewayServer(dir, gateway, true, shards);
    }

    /** As {@link #start}, with notify URLs held to public addresses, as in production. */
    static GatewayServer startPublicOnly(Path dir, GatewayOptions gateway) {
        return new GatewayServer(dir, gateway, false);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    App app(String name) {
        JsonNode m = call("POST", "/v1/merchants", "{\"name\":\"" + name + "\"}", 201);
        String id = m.get("merchant_id").asText();
        JsonNode a = call("POST", "/v1/merchants/" + id + "/apps",
                "{\"public_key\":\"" + TestKeys.appPublicBase64() + "\"}", 201);
        return new App(id, a.get("app_id").asText(), a.get("alipay_public_key").asText(),
                a.get("gateway_url").asText());
    }

    Buyer buyer(String amount) {
        JsonNode u = call("POST", "/v1/users", "{\"currency\":\"CNY\"}", 201);
        String id = u.get("user_id").asText();
        call("POST", "/v1/users/" + id + "/topup", "{\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"request_id\":\"fund-" + System.nanoTime() + "\"}", 200);
        return new Buyer(id, u.get("wallet_account_id").asText());
    }

    String authCode(Buyer b) {
        return call("GET", "/v1/users/" + b.id() + "/payment-code", null, 200).get("auth_code").asText();
    }

    String balance(String accountId) {
        return call("GET", "/v1/accounts/" + accountId, null, 200).get("balance").asText();
    }

    /** An admin call expected to answer {@code status}; its JSON body. */
    JsonNode call(String method, String path, String body, int status) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
            return json.readTree(r.body());
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
