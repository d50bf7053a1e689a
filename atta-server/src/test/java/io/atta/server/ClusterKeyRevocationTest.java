package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        try (InProcessCluster c = InProcessCluster.start(dir)) {
            List<HttpApi> apis = new ArrayList<>();
            for (AttaServer s : c.servers) {
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
}
