package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code atta cluster remove-node}: a node leaves every group, its voter replicas moved elsewhere first. */
@Command(name = "remove-node", mixinStandardHelpOptions = true,
        description = {"Takes a node out of the cluster, moving its voter replicas first.",
                "Takes a node out of the cluster: each voter replica it holds moves to the node with the fewest "
                + "voter replicas that does not vote in that shard, then its learner replicas are removed and it "
                + "leaves the cluster file. With --dir its process is stopped too; its data directory is kept."})
public final class RemoveNodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Option(names = "--node", paramLabel = "A", required = true, description = "The node to remove.")
    private int node;

    @Override
    public Integer call() {
        return Verb.run(spec, this::remove);
    }

    private int remove() throws IOException, InterruptedException {
        ClusterFile file = target.load(spec);
        ClusterCommand.requireNode(spec, file, "--node", node);
        List<ReplicaPlacement.Move> moves = ReplicaPlacement.planRemoval(file, node);
        if (file.nodes().size() - 1 < ClusterFile.replicasPerGroup) {
            throw new ClusterFailure("removing node " + node + " would leave " + (file.nodes().size() - 1)
                    + " nodes, and a cluster needs at least " + ClusterFile.replicasPerGroup + "; add a node first");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ReplicaPlacement.Move m : moves) {
            out.println("shard " + m.shard() + ": node " + node + "'s voter replica goes to node " + m.to());
        }
        out.flush();
        try (Membership groups = Membership.open(file, target.cliLogs())) {
            for (ReplicaPlacement.Move m : moves) {
                file = MoveReplicaCommand.move(file, target.clusterFile(), groups, m, false, out);
            }
            for (int s = 0; s < file.shards(); s++) {
                if (groups.removeLearner(s, node)) {
                    out.println("shard " + s + ": node " + node + "'s learner replica removed");
                    out.flush();
                }
            }
        }
        file.withoutNode(node).write(target.clusterFile());
        out.println("node " + node + " removed from " + target.clusterFile());
        if (target.local() != null) {
            LocalCluster local = LocalCluster.open(target.dir, List.of(), List.of());
            for (LocalCluster.Stopped s : local.stop(List.of(node))) {
                out.println(s.outcome() == LocalCluster.StopOutcome.notRunning ? "its process was not running"
                        : "its process (pid " + s.pid() + ") " + s.outcome());
            }
            out.println("its data directory " + local.layout().nodeDir(node) + " is kept; delete it when no longer "
                    + "needed");
        }
        return 0;
    }
}
