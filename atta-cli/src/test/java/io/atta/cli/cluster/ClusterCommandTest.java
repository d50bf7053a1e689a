package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.cli.cluster.ClusterCli.cluster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atta cluster} verbs, in-process, where no cluster is needed: their command lines,
 * their checks against the cluster file, and what they say about nodes that do not run.
 */
class ClusterCommandTest {
    @TempDir
    Path dir;

    /** A cluster file of {@code nodes} nodes at ports nothing listens on (they were free a moment ago). */
    private Path fileOfStoppedNodes(int nodes, int shards) throws IOException {
        List<NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            addresses.add(new NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        Path file = new LocalLayout(dir).clusterFile();
        ClusterFile.of(shards, addresses, ClusterFile.defaultElectionTimeoutMs).write(file);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aVerbIsNeeded() {
        CliRun run = cluster();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing verb");
    }

    @Test
    void startNamesTheOptionAndTheLimitAndWritesNothing() {
        String d = dir.resolve("c").toString();
        String[][] cases = {
                {"--nodes", "2", "--nodes must be between 3 and 9 (maxNodes), got 2"},
                {"--nodes", "10", "--nodes must be between 3 and 9 (maxNodes), got 10"},
                {"--base-port", "80", "--base-port must be between 1024 and 65336 (maxBasePort"},
                {"--shards", "0", "--shards must be between 1 and "},
                {"--election-timeout-ms", "100", "--election-timeout-ms must be between 200 and 60000"},
                {"--settlement-interval", "-1", "--settlement-interval must be between 0 (off) and "},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("start", "--dir", d));
            if (!c[0].equals("--nodes")) {
                args.addAll(List.of("--nodes", "3"));
            }
            args.addAll(List.of(c[0], c[1]));

            CliRun run = cluster(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(c[0]).isEqualTo(2);
            assertThat(run.err()).as(c[0]).contains(c[2]);
        }
        CliRun noNodes = cluster("start", "--dir", d);
        assertThat(noNodes.exitCode()).isEqualTo(2);
        assertThat(noNodes.err()).contains("--nodes is needed").contains("holds no cluster yet");
        assertThat(dir.resolve("c")).doesNotExist();
    }

    /** A socket on a port that node 2's raft port of some valid --base-port can be: one the kernel lets us take. */
    private static ServerSocket portInBaseRange() throws IOException {
        for (int port = LocalLayout.minBasePort + 2; port <= LocalLayout.maxBasePort + 2; port += 97) {
            try {
                return new ServerSocket(port, 1, InetAddress.getByName(LocalLayout.host));
            } catch (IOException inUse) {
                // try the next
            }
        }
        throw new IOException("no free port between " + LocalLayout.minBasePort + " and " + LocalLayout.maxBasePort);
    }

    @Test
    void startRefusesAPortInUseNamingItAndWritesNothing() throws Exception {
        try (ServerSocket taken = portInBaseRange()) {
            int port = taken.getLocalPort();
            int basePort = port - 2;

            CliRun run = cluster("start", "--dir", dir.toString(), "--nodes", "3", "--base-port",
                    Integer.toString(basePort));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("atta cluster start: port")
                    .contains("127.0.0.1:" + port + " (node 2 raft)")
                    .contains("in use on this machine; choose another --base-port");
            assertThat(new LocalLayout(dir).clusterFile()).doesNotExist();
            assertThat(new LocalLayout(dir).adminKeyFile()).doesNotExist();
        }
    }

    @Test
    void startOfAnExistingClusterRefusesOptionsThatContradictIt() throws Exception {
        fileOfStoppedNodes(3, 2);

        CliRun run = cluster("start", "--dir", dir.toString(), "--shards", "4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("already holds a cluster, which --shards 4 (it has 2 shards) does not describe");
    }

    @Test
    void statusShowsEveryNodeDownAndExits3WhenNoShardHasALeader() throws Exception {
        fileOfStoppedNodes(3, 2);

        CliRun run = cluster("status", "--dir", dir.toString(), "--admin-key", "k");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(StatusCommand.exitNoLeader);
        assertThat(run.out()).startsWith("3 nodes, 2 shards\n")
                .contains("shard 0: NO LEADER\n", "shard 1: NO LEADER\n");
        assertThat(run.out().lines().filter(l -> l.endsWith("down"))).hasSize(3 + 2 * 3);

        CliRun json = cluster("status", "--cluster", new LocalLayout(dir).clusterFile().toString(),
                "--admin-key", "k", "--json");
        assertThat(json.exitCode()).isEqualTo(StatusCommand.exitNoLeader);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.at("/leaderless_shards").toString()).isEqualTo("[0,1]");
        assertThat(doc.at("/nodes/0/up").asBoolean()).isFalse();
    }

    @Test
    void statusNeedsOneClusterAndItsAdminKey() throws Exception {
        CliRun neither = cluster("status");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--dir").contains("--cluster");

        CliRun both = cluster("status", "--dir", dir.toString(), "--cluster", "x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        CliRun empty = cluster("status", "--dir", dir.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("--dir " + dir + " holds no cluster.properties");

        fileOfStoppedNodes(3, 1);
        CliRun noKey = cluster("status", "--dir", dir.toString());
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("needs the admin key: pass --admin-key, set ATTA_ADMIN_KEY, or keep it in "
                + new LocalLayout(dir).adminKeyFile());
    }

    @Test
    void stopWithNothingRunningSaysSo() throws Exception {
        fileOfStoppedNodes(3, 1);

        CliRun run = cluster("stop", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                node 1 was not running
                node 2 was not running
                node 3 was not running
                No node was running
                """);
    }

    @Test
    void stopSignalsTheProcessItsPidFileNamesAndNeverOneThatReusedThePid() throws Exception {
        fileOfStoppedNodes(3, 1);
        LocalLayout layout = new LocalLayout(dir);
        Process node1 = new ProcessBuilder("sleep", "600").start();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            Files.createDirectories(layout.nodeDir(1));
            Files.createDirectories(layout.nodeDir(2));
            PidFile.of(node1.toHandle()).write(layout.pidFile(1));
            java.time.Instant strangerStart = stranger.toHandle().info().startInstant().orElseThrow();
            new PidFile(stranger.pid(), strangerStart.minusSeconds(3600)).write(layout.pidFile(2));

            CliRun run = cluster("stop", "--dir", dir.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("node 1 (pid " + node1.pid() + ") stopped\n", "node 2 was not running\n",
                    "Stopped 1 node\n");
            assertThat(node1.waitFor(LocalCluster.killTimeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(layout.pidFile(1)).doesNotExist();
            assertThat(layout.pidFile(2)).doesNotExist();
        } finally {
            node1.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void moveReplicaChecksItsOptionsAgainstTheFileBeforeTouchingAGroup() throws Exception {
        fileOfStoppedNodes(4, 2);
        String d = dir.toString();
        // Voters: shard 0 = 1,2,3; shard 1 = 2,3,4.
        String[][] cases = {
                {"5", "1", "4", "--shard must be between 0 and 1 (the cluster has 2 shards), got 5"},
                {"0", "1", "1", "--from and --to are both node 1"},
                {"0", "9", "4", "--from 9: the cluster file has no such node (nodes: 1,2,3,4)"},
                {"0", "4", "1", "--from 4: node 4 does not vote in shard 0 (its voters: 1,2,3)"},
                {"1", "2", "3", "--to 3: node 3 already votes in shard 1 (its voters: 2,3,4)"},
        };
        for (String[] c : cases) {
            CliRun run = cluster("move-replica", "--dir", d, "--shard", c[0], "--from", c[1], "--to", c[2]);

            assertThat(run.exitCode()).as(c[3]).isEqualTo(2);
            assertThat(run.err()).contains(c[3]);
        }
    }

    @Test
    void removeNodeRefusesToLeaveAShardWithTwoVotersAndChangesNothing() throws Exception {
        Path file = fileOfStoppedNodes(3, 2);
        String before = Files.readString(file);

        CliRun run = cluster("remove-node", "--cluster", file.toString(), "--node", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "atta cluster remove-node: removing node 2 would leave shard 0 with 2 voters; add a node first\n");
        assertThat(Files.readString(file)).isEqualTo(before);
        CliRun unknown = cluster("remove-node", "--cluster", file.toString(), "--node", "7");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--node 7: the cluster file has no such node (nodes: 1,2,3)");
    }

    @Test
    void transferLeaderChecksTheShardAndTheNode() throws Exception {
        fileOfStoppedNodes(3, 2);

        CliRun shard = cluster("transfer-leader", "--dir", dir.toString(), "--shard", "-1", "--to", "1");
        CliRun node = cluster("transfer-leader", "--dir", dir.toString(), "--shard", "0", "--to", "0");

        assertThat(shard.exitCode()).isEqualTo(2);
        assertThat(shard.err()).contains("--shard must be between 0 and 1 (the cluster has 2 shards), got -1");
        assertThat(node.exitCode()).isEqualTo(2);
        assertThat(node.err()).contains("--to 0: the cluster file has no such node");
    }

    @Test
    void addNodeTakesTheNodeIdOnlyWithAClusterFileAndNeedsTheNodeRunning() throws Exception {
        Path file = fileOfStoppedNodes(3, 1);

        CliRun idWithDir = cluster("add-node", "--dir", dir.toString(), "--node-id", "3", "--admin-key", "k");
        CliRun noId = cluster("add-node", "--cluster", file.toString(), "--admin-key", "k");
        CliRun unknown = cluster("add-node", "--cluster", file.toString(), "--node-id", "4", "--admin-key",
                "k");
        CliRun down = cluster("add-node", "--cluster", file.toString(), "--node-id", "3", "--admin-key", "k");

        assertThat(idWithDir.exitCode()).isEqualTo(2);
        assertThat(idWithDir.err()).contains("--node-id goes with --cluster");
        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).contains("--cluster needs --node-id");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--node-id 4: the cluster file has no such node (nodes: 1,2,3)");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("node 3 (http://127.0.0.1:").contains(") does not answer: start it first");
    }
}
