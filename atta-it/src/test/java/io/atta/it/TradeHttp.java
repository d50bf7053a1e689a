package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The merchants and trades API over plain HTTP with the admin key, retrying a request with the
 * same body while the server is down or restarting (connection refused, 502–503): every write of
 * the trades API is idempotent, so a retry after an unknown outcome is safe.
 */
final class TradeHttp {
    static final ObjectMapper json = new ObjectMapper();
    private static final Duration timeout = Duration.ofSeconds(20);

    /** An answer that is not 2xx: its status and body. */
    static final class Refused extends RuntimeException {
        final int status;
        final JsonNode body;

        Refused(int status, JsonNode body) {
            super(status + " " + body);
            this.status = status;
            this.body = body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String adminKey;
    private final long retryBoundMs;

    TradeHttp(URI base, String adminKey, long retryBoundMs) {
        this.base = base;
        this.adminKey = adminKey;
        this.retryBoundMs = retryBoundMs;
    }

    JsonNode post(String path, JsonNode body) throws InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    JsonNode get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + adminKey).GET().build());
    }

    private JsonNode send(HttpRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryBoundMs);
        while (true) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
                if (r.statusCode() / 100 == 2) {
                    return body;
                }
                if (r.statusCode() != 502 && r.statusCode() != 503 && r.statusCode() != 429) {
                    throw new Refused(r.statusCode(), body);
                }
            } catch (IOException e) {
                // down or restarting: the same request again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " did not get an answer within "
                        + retryBoundMs + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    static ObjectNode object() {
        return json.createObjectNode();
    }
}
