package io.atta.cli.cluster;

import io.atta.cli.AdminKey;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code atta cluster add-node}: a node joins every shard group as a learner, and the command
 * waits until it has caught up. Locally ({@code --dir}) it also gets the next id and ports and
 * its process is started; elsewhere ({@code --cluster FILE --node-id N}) the operator has added
 * it to the file and started it.
 */
@Command(name = "add-node", mixinStandardHelpOptions = true,
        description = {"Adds a node to every shard as a learner and waits until it has caught up.",
                "Adds a node to every shard's raft group as a learner (a replica that does not vote) and waits "
                + "until it has caught up; move-replica then makes it a voter where wanted.",
                "--dir DIR: a new node of a local cluster, with the next id and ports; its process is started.",
                "--cluster FILE --node-id N: node N, which is already in FILE and running."})
public final class AddNodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Option(names = "--node-id", paramLabel = "N", description = "With --cluster: the node to add.")
    private Integer nodeId;

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "Admin key of the nodes, to watch the new node catch up (default: $" + AdminKey.envVariable
                    + ", else the admin.key beside the cluster file).")
    private String adminKey;

    @Option(names = "--settlement-interval", paramLabel = "SECONDS",
            description = "With --dir: passed to the new node's atta server (default: as the cluster was started).")
    private Integer settlementIntervalSecs;

    @Option(names = "--jvm-opts", paramLabel = "OPTIONS",
            description = "With --dir: JVM options of the new node (default: as the cluster was started).")
    private String jvmOpts;

    @Override
    public Integer call() {
        return Verb.run(spec, this::addNode);
    }

    private int addNode() throws IOException, InterruptedException {
        String settlement = LaunchOptions.settlementIntervalProblem(settlementIntervalSecs);
        if (settlement != null) {
            throw new ParameterException(spec.commandLine(), settlement);
        }
        ClusterFile file = target.load(spec);
        String key = StatusCommand.requireAdminKey(spec, target, adminKey);
        PrintWriter out = spec.commandLine().getOut();
        int node;
        LocalCluster local = null;
        if (target.local() != null) {
            if (nodeId != null) {
                throw new ParameterException(spec.commandLine(), "--node-id goes with --cluster; with --dir the new "
                        + "node gets the next id");
            }
            LaunchOptions launch = LaunchOptions.load(target.local()).with(settlementIntervalSecs, jvmOpts);
            local = LocalCluster.open(target.dir, launch.serverArgs(), launch.jvmOptions());
            ClusterFile before = file;
            node = addToLocalFile(file, out);
            file = ClusterFile.load(target.clusterFile());
            try {
                local.startNode(node);
            } catch (ClusterFailure e) {
                // No group knows the node yet: taking it out of the file again undoes the whole attempt.
                local.kill(node);
                before.write(target.clusterFile());
                throw new ClusterFailure(e.getMessage() + "\nnode " + node + " is out of the cluster file again", e);
            }
            out.println("node " + node + " started (pid " + local.pid(node) + "), log "
                    + local.layout().serverLog(node));
        } else {
            if (nodeId == null) {
                throw new ParameterException(spec.commandLine(), "--cluster needs --node-id: the node, already in "
                        + "the file and running, to add to the groups");
            }
            ClusterCommand.requireNode(spec, file, "--node-id", nodeId);
            node = nodeId;
            NodeAddress n = file.node(node);
            if (new NodeApi(key).health(n) == NodeApi.Health.unreachable) {
                throw new ClusterFailure("node " + node + " (" + NodeApi.baseUri(n) + ") does not answer: start it "
                        + "first (atta server --cluster " + target.clusterFile() + " --node-id " + node
                        + " --data DIR)");
            }
        }
        out.flush();
        try (Membership groups = Membership.open(file, target.cliLogs())) {
            String endpoint = file.node(node).raftEndpoint();
            for (int s = 0; s < file.shards(); s++) {
                if (groups.conf(s).voters().contains(endpoint)) {
                    out.println("shard " + s + ": node " + node + " already votes");
                } else if (groups.addLearner(s, node)) {
                    out.println("shard " + s + ": node " + node + " is now a learner");
                } else {
                    out.println("shard " + s + ": node " + node + " already was a learner");
                }
                out.flush();
            }
        }
        CatchUp.await(file, new NodeApi(key), node, line -> {
            out.println(line);
            out.flush();
        });
        if (local != null) {
            local.awaitHealthy(List.of(node));
        }
        out.println("node " + node + " holds a replica of every shard and has caught up (within "
                + CatchUp.marginEntries + " entries of each leader)");
        return 0;
    }

    private int highestNodeDirectory() throws IOException {
        try (Stream<Path> dirs = Files.list(target.local().dir())) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("node-\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring("node-".length()))).max().orElse(0);
        }
    }

    /** Puts the next node of the local layout into the file; returns its id. */
    private int addToLocalFile(ClusterFile file, PrintWriter out) throws IOException {
        int base = LocalLayout.basePortOf(file);
        if (base < 0) {
            throw new ClusterFailure(target.clusterFile() + " was not laid out by atta cluster start; add the node "
                    + "to it by hand, start it, then run: atta cluster add-node --cluster " + target.clusterFile()
                    + " --node-id N");
        }
        // Past every node directory too: a removed node's directory holds its old replicas.
        int id = Math.max(file.nodes().keySet().stream().mapToInt(Integer::intValue).max().orElse(0),
                highestNodeDirectory()) + 1;
        if (id > LocalLayout.maxNodeId || file.nodes().size() >= ClusterFile.maxNodes) {
            throw new ClusterFailure("the cluster cannot grow: node " + id + " would exceed the local layout's "
                    + LocalLayout.maxNodeId + " node ids (maxNodeId) or " + ClusterFile.maxNodes + " nodes (maxNodes)");
        }
        NodeAddress n = LocalLayout.address(base, id);
        PortCheck.requireFree(List.of(n));
        file.withNode(n).write(target.clusterFile());
        out.println("node " + id + " added to " + target.clusterFile() + " (raft " + n.raftEndpoint() + ", http "
                + NodeApi.baseUri(n) + ")");
        return id;
    }
}
