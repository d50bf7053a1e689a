package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two documents crash tests read that the Java client cannot: a transfer whose flags include
 * {@code cross_shard} (the client's flag table knows only the flags a caller may set, and
 * refuses the reply), and {@code GET /v1/admin/invariants}, which the client has no call for.
 * Both are read here with the admin key as plain JSON.
 */
final class ApiReads {
    /** What the tests look at in a transfer: its flags by API name and its pending status (null if none). */
    record Seen(long id, List<String> flags, String pendingStatus) {
        boolean crossShard() {
            return flags.contains("cross_shard");
        }
    }

    private static final Duration timeout = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI base;
    private final String adminKey;

    ApiReads(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    /** {@code GET /v1/transfers/{id}}, or empty when the server has no transfer with that id (404). */
    Optional<Seen> transfer(long id) {
        Optional<JsonNode> n = get("/v1/transfers/" + id);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        List<String> flags = new ArrayList<>();
        n.get().path("flags").forEach(f -> flags.add(f.asText()));
        JsonNode status = n.get().get("pending_status");
        return Optional.of(new Seen(Long.parseLong(n.get().path("id").asText()), flags,
                status == null ? null : status.asText()));
    }

    /** {@code GET /v1/admin/invariants}: {@code ok}, {@code violations}, {@code currencies}, {@code unfinished}. */
    JsonNode invariants() {
        return get("/v1/admin/invariants").orElseThrow(() -> new IllegalStateException("no invariants document"));
    }

    private Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + adminKey).timeout(timeout).GET().build();
        HttpResponse<byte[]> reply;
        try {
            reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
        if (reply.statusCode() == 404) {
            return Optional.empty();
        }
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + reply.statusCode() + ": "
                    + new String(reply.body(), StandardCharsets.UTF_8));
        }
        try {
            return Optional.of(mapper.readTree(reply.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable reply to GET " + path, e);
        }
    }
}
