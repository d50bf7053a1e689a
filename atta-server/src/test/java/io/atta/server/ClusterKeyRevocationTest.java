package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cluster.AttaNode;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.NodeOptions;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revoked key answers 401 at once on every node of a cluster (docs/SECURITY.md): each request
 * reads its key from the key's shard linearizably, so no node can still admit a key that another
 * node has just revoked.
 */
class ClusterKeyRevocationTest {
    @TempDir
    Path dir;

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByEveryNodeAtOnce() throws Exception {
        List<ClusterFile.NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            addresses.add(new ClusterFile.NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        ClusterFile file = ClusterFile.of(2, addresses, 600);
        List<AttaNode> nodes = new ArrayList<>();
        List<AttaServer> servers = new ArrayList<>();
        try {
            for (int id = 1; id <= 3; id++) {
                AttaNode node = AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-" + id), file, id, 300, 0));
                nodes.add(node);
                servers.add(AttaServer.start(node, new ServerOptions("127.0.0.1", file.node(id).httpPort(), adminKey)));
            }
            List<HttpApi> apis = new ArrayList<>();
            for (AttaServer s : servers) {
                apis.add(new HttpApi(s.port()));
            }
            Reply user = awaitCreated(apis.get(0));
            String userId = user.body().get("user_id").asText();
            Reply made = apis.get(1).post("/v1/keys", adminKey,
                    "{\"role\":\"user\",\"owner_id\":\"" + userId + "\",\"label\":\"phone\"}");
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            String key = made.body().get("key").asText();
            String keyId = made.body().get("key_id").asText();
            for (HttpApi api : apis) {
                Reply r = api.get("/v1/users/" + userId, key);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }

            Reply revoked = apis.get(2).post("/v1/keys/" + keyId + "/revoke", adminKey, "");
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

            // No waiting: the first request to each node after the revoke's answer is refused.
            for (HttpApi api : apis) {
                Reply r = api.get("/v1/users/" + userId, key);
                assertThat(r.status()).as(r.toString()).isEqualTo(401);
            }
            // The user's own token, a key of its own, still works everywhere.
            String token = user.body().get("token").asText();
            for (HttpApi api : apis) {
                assertThat(api.get("/v1/users/" + userId, token).status()).isEqualTo(200);
            }
        } finally {
            for (int i = 0; i < servers.size(); i++) {
                servers.get(i).close();
            }
            for (AttaNode node : nodes) {
                node.close();
            }
        }
    }

    /** The first user, once the cluster has elected leaders and takes writes (bounded wait). */
    private static Reply awaitCreated(HttpApi api) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Reply r = null;
        while (System.nanoTime() < deadline) {
            r = api.post("/v1/users", adminKey, "{}");
            if (r.status() == 201) {
                JsonNode body = r.body();
                assertThat(body.get("token").asText()).startsWith("atk_");
                return r;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("the cluster took no write within 30 s; last answer: " + r);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
