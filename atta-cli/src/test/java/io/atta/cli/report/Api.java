package io.atta.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST calls a report test's workload makes, each expected to succeed. */
final class Api {
    private final URI base;
    private final String adminKey;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    Api(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    record User(String id, String token, String wallet) {
    }

    record Merchant(String id, String key, String settlementAccount) {
    }

    JsonNode call(String method, String route, String key, String body, int... expected) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(route))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = expected.length == 0 ? r.statusCode() / 100 == 2 : false;
            for (int e : expected) {
                ok |= r.statusCode() == e;
            }
            assertThat(ok).as(method + " " + route + " " + body + " -> " + r.statusCode() + " " + r.body()).isTrue();
            return r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode admin(String method, String route, String body) {
        return call(method, route, adminKey, body);
    }

    User user(String amount, long requestId) {
        JsonNode u = admin("POST", "/v1/users", "{\"currency\":\"CNY\"}");
        User user = new User(u.get("user_id").asText(), u.get("token").asText(), u.get("wallet_account_id").asText());
        admin("POST", "/v1/users/" + user.id() + "/topup", "{\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"request_id\":\"fund-" + requestId + "\"}");
        return user;
    }

    Merchant merchant(String name) {
        JsonNode m = admin("POST", "/v1/merchants", "{\"name\":\"" + name + "\"}");
        return new Merchant(m.get("merchant_id").asText(), m.get("api_key").asText(),
                m.get("settlement_account_id").asText());
    }

    String reportingKey() {
        return admin("POST", "/v1/keys", "{\"role\":\"reporting\"}").get("key").asText();
    }

    /** Advances the test clock and returns once every rule due by then (settlement included) is applied. */
    void advance(long seconds) {
        admin("POST", "/v1/test/clock/advance", "{\"seconds\":" + seconds + "}");
    }

    String today() {
        return admin("GET", "/v1/test/clock", null).get("now").asText().substring(0, 10);
    }
}
