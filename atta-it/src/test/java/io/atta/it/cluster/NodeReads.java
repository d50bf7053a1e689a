package io.atta.it.cluster;

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
 * The reads the cluster tests make of one node that the Java client does not offer: a transfer
 * from the node's own replica ({@code ?consistency=stale}), the same transfer read
 * linearizably with whatever status the node answers, and {@code GET /v1/admin/invariants}.
 */
final class NodeReads {
    /** A transfer as one replica holds it: its accounts, amount (as the API writes it) and pending status (or null). */
    record SeenTransfer(long id, long debitAccountId, long creditAccountId, String amount, List<String> flags,
                        String pendingStatus) {
        boolean crossShard() {
            return flags.contains("cross_shard");
        }
    }

    /** An HTTP answer: its status, or {@link #noAnswer} when the request failed or timed out. */
    record Answer(int status, String body) {
        static final int noAnswer = -1;
    }

    static final String staleHeader = "Atta-Read-Consistency";
    private static final Duration connectTimeout = Duration.ofSeconds(2);
    private static final Duration readTimeout = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String adminKey;

    NodeReads(String adminKey) {
        this.adminKey = adminKey;
    }

    /**
     * {@code GET /v1/transfers/{id}?consistency=stale} on {@code node}: the transfer as that
     * node's replicas hold it, empty when they hold none (404). Any other answer fails.
     */
    Optional<SeenTransfer> staleTransfer(URI node, long id) {
        HttpResponse<byte[]> r = send(node, "/v1/transfers/" + id + "?consistency=stale", readTimeout);
        if (!"stale".equals(r.headers().firstValue(staleHeader).orElse(null))) {
            throw new IllegalStateException(node + " did not label a stale read as such: " + r.headers().map());
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(transfer(require200(node, "transfer " + id, r)));
    }

    /** {@code GET /v1/transfers/{id}} (linearizable) on {@code node}, with a bound: whatever it answers. */
    Answer linearizableTransfer(URI node, long id, Duration timeout) {
        try {
            HttpResponse<byte[]> r = send(node, "/v1/transfers/" + id, timeout);
            return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            return new Answer(Answer.noAnswer, e.getCause().toString());
        }
    }

    /** {@code GET /v1/admin/invariants} on {@code node}. */
    JsonNode invariants(URI node) {
        return require200(node, "invariants", send(node, "/v1/admin/invariants", readTimeout));
    }

    private SeenTransfer transfer(JsonNode n) {
        List<String> flags = new ArrayList<>();
        n.path("flags").forEach(f -> flags.add(f.asText()));
        JsonNode status = n.get("pending_status");
        return new SeenTransfer(Long.parseLong(n.path("id").asText()), Long.parseLong(n.path("debit_account_id")
                .asText()), Long.parseLong(n.path("credit_account_id").asText()), n.path("amount").asText(),
                List.copyOf(flags), status == null ? null : status.asText());
    }

    private JsonNode require200(URI node, String what, HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(node + " answered " + r.statusCode() + " to the read of " + what + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        try {
            return mapper.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + what + " from " + node, e);
        }
    }

    private HttpResponse<byte[]> send(URI node, String path, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + adminKey).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + node.resolve(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + node.resolve(path), e);
        }
    }
}
