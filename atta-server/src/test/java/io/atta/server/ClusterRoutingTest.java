package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cluster.AttaNode;
import io.atta.core.Ids;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.cluster.RoutingApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/cluster/routing}: the slot table and each shard's leader, for any caller. */
class ClusterRoutingTest {
    @TempDir
    Path dir;

    @Test
    void aSingleNodeNamesItselfAsEveryShardsLeaderToAnyCaller() throws Exception {
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2)) {
            NewUser u = f.createUser("CNY");

            Reply r = f.api.get("/v1/cluster/routing", u.token());

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode body = r.body();
            assertThat(body.get("shards").asInt()).isEqualTo(2);
            assertThat(body.get("slots").asInt()).isEqualTo(Ids.slotCount);
            assertThat(body.get("slot_shard")).hasSize(Ids.slotCount);
            for (int slot = 0; slot < Ids.slotCount; slot++) {
                assertThat(body.get("slot_shard").get(slot).asInt()).as("slot " + slot)
                        .isEqualTo(f.service.routing().shardOfSlot(slot));
            }
            String self = "http://127.0.0.1:" + f.server.port();
            assertThat(body.get("leaders").toString())
                    .isEqualTo("[{\"shard\":0,\"http\":\"" + self + "\"},{\"shard\":1,\"http\":\"" + self + "\"}]");
            assertThat(f.api.get("/v1/cluster/routing", null).status()).isEqualTo(401);
        }
    }

    @Test
    void everyNodeOfAClusterNamesTheLeadersHttpAddressAndANewOneAfterAFailover() throws Exception {
        try (InProcessCluster c = InProcessCluster.start(dir)) {
            int leader = awaitLeaderOfShardZero(c.nodes, -1);
            String leaderHttp = "http://127.0.0.1:" + c.file.node(leader + 1).httpPort();
            for (AttaServer s : c.servers) {
                awaitAnswer(s, leaderHttp);
            }

            // The leader's server and node stop; the others elect a new leader and name it.
            c.stop(leader);
            int next = awaitLeaderOfShardZero(c.nodes, leader);
            String nextHttp = "http://127.0.0.1:" + c.file.node(next + 1).httpPort();
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    awaitAnswer(c.servers.get(i), nextHttp);
                }
            }
        }
    }

    @Test
    void wildcardBindAddressesNameNoLeaderAndIpv6IsBracketed() {
        assertThat(RoutingApi.httpUrl("0.0.0.0", 8080)).isNull();
        assertThat(RoutingApi.httpUrl("::", 8080)).isNull();
        assertThat(RoutingApi.httpUrl("::1", 8080)).isEqualTo("http://[::1]:8080");
        assertThat(RoutingApi.httpUrl("10.0.0.1", 8101)).isEqualTo("http://10.0.0.1:8101");
    }

    /** Index into {@code nodes} of the node that leads shard 0 (not {@code other}), waiting while it is elected. */
    private static int awaitLeaderOfShardZero(List<AttaNode> nodes, int other) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.size(); i++) {
                if (i != other && nodes.get(i) != null && nodes.get(i).group(0).isLeader()) {
                    return i;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("shard 0 has no leader after 30 s");
    }

    /** Waits (bounded) until {@code server} names {@code leaderHttp} as shard 0's leader; a follower learns it late. */
    private static void awaitAnswer(AttaServer server, String leaderHttp) {
        HttpApi api = new HttpApi(server.port());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Reply r = null;
        while (System.nanoTime() < deadline) {
            r = api.get("/v1/cluster/routing", adminKey);
            if (r.status() == 200 && leaderHttp.equals(r.body().at("/leaders/0/http").asText(null))) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("the server on port " + server.port() + " did not name " + leaderHttp
                + " as shard 0's leader within 30 s; last answer: " + r);
    }
}
