package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/admin/cluster} and {@code /v1/admin/cluster/shards/{shard}/hash} as a single
 * node answers them (docs/API.md, Admin), and as a server whose ledger runs no raft node does.
 */
class AdminClusterTest {
    @TempDir
    Path dir;

    @Test
    void aSingleNodeLeadsEveryShardAndShowsItsReplicasAndTheirHashes() {
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2)) {
            NewUser u = f.createUser("CNY");
            int shard = f.service.shardOf(Long.parseLong(u.id()));

            Reply r = f.api.get("/v1/admin/cluster", adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode body = r.body();
            assertThat(body.get("node_id").isNull()).isTrue();
            String raft = body.get("raft").asText();
            assertThat(raft).matches("[^:]+:\\d+");
            assertThat(body.get("shards")).hasSize(2);
            for (int s = 0; s < 2; s++) {
                JsonNode replica = body.get("shards").get(s);
                assertThat(replica.get("shard").asInt()).isEqualTo(s);
                assertThat(replica.get("role").asText()).isEqualTo("leader");
                assertThat(replica.get("leader").asText()).isEqualTo(raft);
                assertThat(replica.get("term").asLong()).isPositive();
                assertThat(replica.get("voters")).extracting(JsonNode::asText).containsExactly(raft);
                assertThat(replica.get("learners")).isEmpty();
            }
            assertThat(body.at("/shards/" + shard + "/applied_index").asLong()).isPositive();

            Reply hash = f.api.get("/v1/admin/cluster/shards/" + shard + "/hash", adminKey);
            assertThat(hash.status()).as(hash.toString()).isEqualTo(200);
            assertThat(hash.body().get("shard").asInt()).isEqualTo(shard);
            assertThat(hash.body().get("applied_index").asLong()).isPositive();
            assertThat(hash.body().get("state_hash").asText()).matches("[0-9a-f]+");
            // A write moves the user's shard's hash.
            f.createUserOnShard(shard, "CNY");
            Reply later = f.api.get("/v1/admin/cluster/shards/" + shard + "/hash", adminKey);
            assertThat(later.body().get("state_hash")).isNotEqualTo(hash.body().get("state_hash"));
            assertThat(later.body().get("applied_index").asLong()).isGreaterThan(hash.body().get("applied_index").asLong());

            assertThat(f.api.get("/v1/admin/cluster/shards/2/hash", adminKey).status()).isEqualTo(404);
            assertThat(f.api.get("/v1/admin/cluster", u.token()).status()).isEqualTo(403);
        }
    }

    @Test
    void aServerWhoseLedgerRunsNoRaftNodeHasNoReplicasToShow() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            Reply r = f.api.get("/v1/admin/cluster", adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("not_found");
            assertThat(r.errorMessage()).isEqualTo("this server runs no raft node");
            assertThat(f.api.get("/v1/admin/cluster/shards/0/hash", adminKey).status()).isEqualTo(404);

            // The routing table names this server as every shard's leader.
            Reply routing = f.api.get("/v1/cluster/routing", adminKey);
            assertThat(routing.status()).as(routing.toString()).isEqualTo(200);
            assertThat(routing.body().get("leaders")).extracting(l -> l.get("http").asText())
                    .containsOnly("http://127.0.0.1:" + f.server.port());
        }
    }
}
