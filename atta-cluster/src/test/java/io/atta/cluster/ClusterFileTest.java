package io.atta.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterFileTest {
    @TempDir
    Path dir;

    private static final String threeNodes = """
            shards = 4
            node.1.raft = 127.0.0.1:7101
            node.1.http = 127.0.0.1:8101
            node.2.raft = 127.0.0.1:7102
            node.2.http = 127.0.0.1:8102
            node.3.raft = 127.0.0.1:7103
            node.3.http = 127.0.0.1:8103
            """;

    private static ClusterFile parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return ClusterFile.parse(p);
    }

    @Test
    void spreadsPreferredLeadersOverTheNodesWhenNoShardIsPlaced() throws IOException {
        ClusterFile f = parse(threeNodes);
        assertThat(f.voters()).containsExactly(List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2), List.of(1, 2, 3));
        assertThat(f.electionTimeoutMs()).isEqualTo(ClusterFile.defaultElectionTimeoutMs);
        assertThat(f.learners(0)).isEmpty();
    }

    @Test
    void aFourthNodeIsALearnerWhereItDoesNotVote() throws IOException {
        ClusterFile f = parse(threeNodes + "node.4.raft = 127.0.0.1:7104\nnode.4.http = 127.0.0.1:8104\nshard.0 = 4,2,3\n");
        assertThat(f.voters().get(0)).containsExactly(4, 2, 3);
        assertThat(f.learners(0)).containsExactly(1);
        assertThat(f.voters().get(1)).containsExactly(2, 3, 4);
        assertThat(f.learners(1)).containsExactly(1);
        ClusterMember m = new ClusterMember(f, 1);
        assertThat(m.initialConf(0).getLearners()).extracting(p -> p.getEndpoint().toString())
                .containsExactly("127.0.0.1:7101");
    }

    @Test
    void writesWhatItReads() {
        ClusterFile f = ClusterFile.of(3, List.of(new ClusterFile.NodeAddress(1, "10.0.0.1", 7100, "10.0.1.1", 8100),
                new ClusterFile.NodeAddress(2, "10.0.0.2", 7100, "10.0.1.2", 8100),
                new ClusterFile.NodeAddress(3, "10.0.0.3", 7100, "10.0.1.3", 8100),
                new ClusterFile.NodeAddress(4, "10.0.0.4", 7100, "10.0.1.4", 8100)), 700)
                .withVoters(2, List.of(4, 1, 2));
        Path file = dir.resolve("cluster.properties");
        f.write(file);
        assertThat(ClusterFile.load(file)).isEqualTo(f);
    }

    @Test
    void refusesWhatCannotWorkNamingTheKey() throws IOException {
        assertThatThrownBy(() -> parse("shards = 2\nnode.1.raft = a:1\nnode.1.http = a:2\n"))
                .hasMessageContaining("between 3 and");
        assertThatThrownBy(() -> parse(threeNodes + "shard.1 = 1,2\n")).hasMessageContaining("shard.1 must name 3 distinct");
        assertThatThrownBy(() -> parse(threeNodes + "shard.1 = 1,1,2\n")).hasMessageContaining("shard.1 must name 3 distinct");
        assertThatThrownBy(() -> parse(threeNodes + "shard.1 = 1,2,9\n")).hasMessageContaining("node 9");
        assertThatThrownBy(() -> parse(threeNodes + "shard.4 = 1,2,3\n")).hasMessageContaining("shard.4");
        assertThatThrownBy(() -> parse(threeNodes + "node.4.raft = 127.0.0.1:7101\nnode.4.http = h:1\n"))
                .hasMessageContaining("node.4.raft 127.0.0.1:7101 is used by another node");
        assertThatThrownBy(() -> parse(threeNodes + "node.4.raft = nohost\nnode.4.http = h:1\n"))
                .hasMessageContaining("node.4.raft must be host:port");
        assertThatThrownBy(() -> parse(threeNodes + "node.4.raft = h:70000\nnode.4.http = h:1\n"))
                .hasMessageContaining("node.4.raft: port must be between 1 and 65535");
        assertThatThrownBy(() -> parse(threeNodes + "node.4.raft = h:1\n")).hasMessageContaining("node.4.http is missing");
        assertThatThrownBy(() -> parse(threeNodes + "replicas = 5\n")).hasMessageContaining("unknown key replicas");
        assertThatThrownBy(() -> parse(threeNodes + "election-timeout-ms = 50\n"))
                .hasMessageContaining("election-timeout-ms must be between 200");
        assertThatThrownBy(() -> parse(threeNodes.replace("shards = 4", "shards = x")))
                .hasMessageContaining("shards must be an integer");
        assertThatThrownBy(() -> parse(threeNodes).withoutNode(1)).hasMessageContaining("node 1 still votes in shard 0");
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ClusterFile.load(missing)).hasMessageContaining("nope.properties");
        Files.writeString(dir.resolve("bad.properties"), "shards = 1\n");
        assertThatThrownBy(() -> ClusterFile.load(dir.resolve("bad.properties")))
                .hasMessageContaining("bad.properties").hasMessageContaining("nodes");
    }
}
