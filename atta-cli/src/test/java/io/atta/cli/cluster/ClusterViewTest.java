package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.ClusterFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Putting the nodes' views together: leaders, lag, down nodes; the status table and document. */
class ClusterViewTest {
    private static final ObjectMapper json = new ObjectMapper();
    /** Four nodes at the default base port (raft 7101-7104, HTTP 7201-7204); shard 0 = 1,2,3, shard 1 = 2,3,4. */
    private final ClusterFile file = ClusterFile.of(2, List.of(LocalLayout.address(LocalLayout.defaultBasePort, 1),
            LocalLayout.address(LocalLayout.defaultBasePort, 2), LocalLayout.address(LocalLayout.defaultBasePort, 3),
            LocalLayout.address(LocalLayout.defaultBasePort, 4)), ClusterFile.defaultElectionTimeoutMs);

    /** A node's answer to GET /v1/admin/cluster, as the server writes it. */
    static NodeView answer(String document) throws Exception {
        return NodeView.of(json.readTree(document));
    }

    private static String replica(int shard, String role, long term, String leader, long last, long applied) {
        return "{\"shard\":" + shard + ",\"role\":\"" + role + "\",\"term\":" + term + ",\"leader\":"
                + (leader == null ? "null" : "\"" + leader + "\"")
                + ",\"voters\":[\"127.0.0.1:7101\",\"127.0.0.1:7102\",\"127.0.0.1:7103\"],"
                + "\"learners\":[\"127.0.0.1:7104\"],\"last_log_index\":" + last + ",\"committed_index\":" + applied
                + ",\"applied_index\":" + applied + "}";
    }

    private static NodeView node(int id, String shard0, String shard1) throws Exception {
        return answer("{\"node_id\":" + id + ",\"raft\":\"127.0.0.1:710" + id + "\",\"shards\":[" + shard0 + ","
                + shard1 + "]}");
    }

    /** Node 1 leads shard 0, node 2 led shard 1 but lost touch; node 3 is down; node 4 is a learner. */
    private ClusterView view() throws Exception {
        return new ClusterView(file, Map.of(
                1, node(1, replica(0, "leader", 3, "127.0.0.1:7101", 120, 120),
                        replica(1, "candidate", -1, null, 80, 80)),
                2, node(2, replica(0, "follower", -1, "127.0.0.1:7101", 118, 110),
                        replica(1, "follower", -1, null, 80, 80)),
                4, node(4, replica(0, "learner", -1, "127.0.0.1:7101", 120, 20),
                        replica(1, "learner", -1, null, 80, 80))));
    }

    @Test
    void parsesANodesAnswer() throws Exception {
        NodeView v = node(1, replica(0, "leader", 3, "127.0.0.1:7101", 12, 10), replica(1, "follower", -1, null, 5, 5));

        assertThat(v.nodeId()).isEqualTo(1);
        assertThat(v.raft()).isEqualTo("127.0.0.1:7101");
        assertThat(v.shard(0)).isEqualTo(new ReplicaView(0, "leader", 3, "127.0.0.1:7101",
                List.of("127.0.0.1:7101", "127.0.0.1:7102", "127.0.0.1:7103"), List.of("127.0.0.1:7104"), 12, 10, 10));
        assertThat(v.shard(1).leader()).isNull();
        assertThat(v.shard(2)).isNull();
    }

    @Test
    void theLeaderIsTheReplicaThatSaysSoAndLagIsMeasuredFromItsLastLogIndex() throws Exception {
        ClusterView view = view();

        assertThat(view.leaderOf(0)).isEqualTo(1);
        assertThat(view.leaderOf(1)).isEqualTo(ClusterView.noLeader);
        assertThat(view.leaderlessShards()).containsExactly(1);
        assertThat(view.isUp(3)).isFalse();
        assertThat(view.lag(1, 0)).isZero();
        assertThat(view.lag(2, 0)).isEqualTo(10);
        assertThat(view.lag(4, 0)).isEqualTo(100);
        assertThat(view.lag(3, 0)).isEqualTo(-1);
        assertThat(view.lag(2, 1)).isEqualTo(-1);
    }

    @Test
    void aDeposedLeaderThatHasNotNoticedLosesToTheHigherTerm() throws Exception {
        ClusterView view = new ClusterView(file, Map.of(
                1, node(1, replica(0, "leader", 3, "127.0.0.1:7101", 10, 10), replica(1, "follower", -1, null, 1, 1)),
                2, node(2, replica(0, "leader", 4, "127.0.0.1:7102", 11, 11), replica(1, "follower", -1, null, 1, 1))));

        assertThat(view.leaderOf(0)).isEqualTo(2);
    }

    @Test
    void aNodeIsCaughtUpWhenEveryShardIsWithinTheMarginOfItsLeader() throws Exception {
        ClusterView view = view();

        assertThat(CatchUp.behind(view, 2)).containsExactly("shard 1 has no known leader");
        assertThat(CatchUp.behind(view, 4)).containsExactly("shard 1 has no known leader");
        assertThat(CatchUp.behind(view, 3)).containsExactly("the node does not answer");
        assertThat(CatchUp.marginEntries).isEqualTo(100);
    }

    @Test
    void theTableShowsEachShardsLeaderTermAndReplicasWithDownNodes() throws Exception {
        assertThat(StatusReport.table(view())).isEqualTo("""
                4 nodes, 2 shards
                node  raft            http                   state
                1     127.0.0.1:7101  http://127.0.0.1:7201  up
                2     127.0.0.1:7102  http://127.0.0.1:7202  up
                3     127.0.0.1:7103  http://127.0.0.1:7203  down
                4     127.0.0.1:7104  http://127.0.0.1:7204  up

                shard 0: leader node 1, term 3
                  node  role      applied  lag  commit
                  1     leader    120      0    120
                  2     follower  110      10   110
                  3     down
                  4     learner   20       100  20

                shard 1: NO LEADER
                  node  role       applied  lag  commit
                  1     candidate  80       ?    80
                  2     follower   80       ?    80
                  3     down
                  4     learner    80       ?    80
                """);
    }

    @Test
    void theTableNotesAGroupWhoseVotersAreNotTheFilesShardLine() throws Exception {
        ClusterFile moved = file.withVoters(0, List.of(4, 2, 3));
        ClusterView view = new ClusterView(moved, view().views());

        assertThat(StatusReport.table(view))
                .contains("  note: the group's voters are 1,2,3, the cluster file's shard.0 says 4,2,3\n");
    }

    @Test
    void theDocumentHasOneEntryPerShardAndNamesTheLeaderlessOnes() throws Exception {
        JsonNode doc = json.readTree(StatusReport.json(view()));

        assertThat(doc.at("/nodes/2/up").asBoolean()).isFalse();
        assertThat(doc.at("/nodes/0/http").asText()).isEqualTo("http://127.0.0.1:7201");
        assertThat(doc.at("/shards/0/leader_node").asInt()).isEqualTo(1);
        assertThat(doc.at("/shards/0/term").asLong()).isEqualTo(3);
        assertThat(doc.at("/shards/0/voters").toString()).isEqualTo("[1,2,3]");
        assertThat(doc.at("/shards/0/learners").toString()).isEqualTo("[4]");
        assertThat(doc.at("/shards/0/replicas/1/lag").asLong()).isEqualTo(10);
        assertThat(doc.at("/shards/0/replicas/2/role").asText()).isEqualTo("down");
        assertThat(doc.at("/shards/1/leader_node").isNull()).isTrue();
        assertThat(doc.at("/shards/1/replicas/0/lag").isNull()).isTrue();
        assertThat(doc.at("/leaderless_shards").toString()).isEqualTo("[1]");
    }
}
