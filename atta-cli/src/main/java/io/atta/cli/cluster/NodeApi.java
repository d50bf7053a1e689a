package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.ClusterFile.NodeAddress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP calls the cluster verbs make to one node: {@code /health}, and the admin API's view
 * of the cluster ({@code /v1/admin/cluster}) and of a replica's state hash.
 */
public final class NodeApi {
    /** How long a node may take to accept a connection. */
    static final Duration connectTimeout = Duration.ofSeconds(2);
    /** How long a node may take to answer; its view is read from memory, so this is generous. */
    static final Duration requestTimeout = Duration.ofSeconds(5);
    public static final String healthRoute = "/health";
    public static final String clusterRoute = "/v1/admin/cluster";

    /** What {@code /health} said. */
    public enum Health {
        /** 200: the node knows a leader for every shard. */
        healthy,
        /** Any other status: the node runs but does not know every leader yet. */
        serving,
        /** No answer. */
        unreachable
    }

    /** A replica's state hash at the log index it has applied. */
    public record StateHash(int shard, long appliedIndex, String stateHash) {
    }

    private static final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    private final String adminKey;

    /** @param adminKey the key for the admin API; null when only {@link #health} is called */
    public NodeApi(String adminKey) {
        this.adminKey = adminKey;
    }

    public static URI baseUri(NodeAddress n) {
        String host = n.httpHost().contains(":") ? "[" + n.httpHost() + "]" : n.httpHost();
        return URI.create("http://" + host + ":" + n.httpPort());
    }

    public Health health(NodeAddress n) throws InterruptedException {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri(n).resolve(healthRoute))
                    .timeout(requestTimeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? Health.healthy : Health.serving;
        } catch (IOException e) {
            return Health.unreachable;
        }
    }

    /**
     * The node's view of every shard group. An unreachable node is an {@link IOException} (the
     * caller shows it as down); a node that answers but refuses is a {@link ClusterFailure}.
     */
    public NodeView view(NodeAddress n) throws IOException, InterruptedException {
        return NodeView.of(get(n, clusterRoute));
    }

    /** The node's replica of {@code shard}: applied index and state hash, read without waiting for the leader. */
    public StateHash hash(NodeAddress n, int shard) throws IOException, InterruptedException {
        JsonNode d = get(n, clusterRoute + "/shards/" + shard + "/hash");
        return new StateHash(d.path("shard").asInt(), d.path("applied_index").asLong(), d.path("state_hash").asText());
    }

    private JsonNode get(NodeAddress n, String route) throws IOException, InterruptedException {
        if (adminKey == null) {
            throw new IllegalStateException("the admin API needs a key; this NodeApi was made without one");
        }
        URI uri = baseUri(n).resolve(route);
        HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", "Bearer " + adminKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (reply.statusCode() == 401) {
            throw new ClusterFailure("node " + n.id() + " (" + uri + ") refused the admin key (401 unauthorized): "
                    + "pass its key with --admin-key or " + io.atta.cli.AdminKey.envVariable);
        }
        if (reply.statusCode() != 200) {
            throw new ClusterFailure("node " + n.id() + ": " + uri + " answered " + reply.statusCode() + " "
                    + new String(reply.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(reply.body());
    }
}
