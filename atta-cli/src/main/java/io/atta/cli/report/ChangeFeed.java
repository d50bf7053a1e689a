package io.atta.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A reader of the server's change stream ({@code GET /v1/changes}, docs/REPORTING.md) over one
 * keep-alive HTTP client, with an admin or reporting key.
 */
final class ChangeFeed {
    /** How long one call may take beyond its long poll. */
    static final Duration callTimeout = Duration.ofSeconds(30);

    /** One page: its changes, the cursor after them, and whether more are waiting. */
    record Page(int shard, JsonNode changes, String nextCursor, boolean more) {
    }

    private final URI base;
    private final String key;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    ChangeFeed(URI base, String key) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.key = key;
    }

    /** The server's shard count ({@code GET /v1/cluster/routing}). */
    int shards() throws IOException, InterruptedException {
        return get("/v1/cluster/routing", callTimeout).get("shards").asInt();
    }

    /** The changes of {@code shard} after {@code cursor} (empty: from the first), waiting up to {@code waitSeconds} for one. */
    Page page(int shard, String cursor, int limit, int waitSeconds) throws IOException, InterruptedException {
        String query = "/v1/changes?shard=" + shard + "&limit=" + limit + "&wait=" + waitSeconds
                + (cursor.isEmpty() ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        JsonNode body = get(query, callTimeout.plusSeconds(waitSeconds));
        return new Page(shard, body.get("changes"), body.get("next_cursor").asText(), body.get("more").asBoolean());
    }

    private JsonNode get(String route, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + route)).timeout(timeout)
                .header("Authorization", "Bearer " + key).GET().build();
        HttpResponse<byte[]> reply = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (reply.statusCode() != 200) {
            throw new IOException(base + route + " answered " + reply.statusCode() + ": "
                    + new String(reply.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(reply.body());
    }
}
