package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/admin/shards}: the routing table and each shard's state, for the admin only. */
class AdminShardsTest {
    @TempDir
    Path dir;

    @Test
    void theAdminSeesEachShardsSlotsLeadershipAndAppliedIndex() throws Exception {
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2)) {
            Reply r = f.api.get("/v1/admin/shards", adminKey);

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode expected = HttpApi.json.readTree("""
                    {"slots":1024,"shards":[
                      {"shard":0,"home_slot":0,"slots":[[0,511]],"slot_count":512,"leader":true},
                      {"shard":1,"home_slot":512,"slots":[[512,1023]],"slot_count":512,"leader":true}]}""");
            JsonNode withoutIndex = r.body().deepCopy();
            for (JsonNode shard : withoutIndex.get("shards")) {
                assertThat(shard.get("applied_index").isIntegralNumber()).as(shard.toString()).isTrue();
                ((ObjectNode) shard).remove("applied_index");
            }
            assertThat(withoutIndex).isEqualTo(expected);

            // A write advances the applied index of the user's shard only.
            NewUser u = f.createUser("CNY");
            int shard = f.service.shardOf(Long.parseLong(u.id()));
            JsonNode after = f.api.get("/v1/admin/shards", adminKey).body();
            long before = r.body().at("/shards/" + shard + "/applied_index").asLong();
            assertThat(after.at("/shards/" + shard + "/applied_index").asLong()).isGreaterThan(before);
            assertThat(after.at("/shards/" + (1 - shard) + "/applied_index"))
                    .isEqualTo(r.body().at("/shards/" + (1 - shard) + "/applied_index"));
        }
    }

    @Test
    void aUserTokenIsForbiddenAndNoKeyUnauthorized() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            NewUser u = f.createUser("CNY");

            Reply asUser = f.api.get("/v1/admin/shards", u.token());
            assertThat(asUser.status()).as(asUser.toString()).isEqualTo(403);
            assertThat(asUser.errorCode()).isEqualTo("forbidden");
            assertThat(f.api.get("/v1/admin/shards", null).status()).isEqualTo(401);
        }
    }

    @Test
    void aLedgerWithoutRaftGroupsShowsTheTableAlone() throws Exception {
        try (ApiFixture f = ApiFixture.inMemory(3)) {
            Reply r = f.api.get("/v1/admin/shards", adminKey);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(HttpApi.json.readTree("""
                    {"slots":1024,"shards":[
                      {"shard":0,"home_slot":0,"slots":[[0,341]],"slot_count":342},
                      {"shard":1,"home_slot":342,"slots":[[342,682]],"slot_count":341},
                      {"shard":2,"home_slot":683,"slots":[[683,1023]],"slot_count":341}]}"""));
        }
    }
}
