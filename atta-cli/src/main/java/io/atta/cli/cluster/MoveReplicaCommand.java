package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code atta cluster move-replica}: one shard's voter replica moves from one node to another. */
@Command(name = "move-replica", mixinStandardHelpOptions = true,
        description = {"Moves a shard's voter replica from one node to another.",
                "Moves shard S's voting replica from node A to node B, which must hold a learner replica of it "
                + "(every node of the cluster does); A keeps a learner replica. Leadership leaves A first when A "
                + "leads. Updates the cluster file's shard.S line."})
public final class MoveReplicaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Option(names = "--shard", paramLabel = "S", required = true, description = "The shard.")
    private int shard;

    @Option(names = "--from", paramLabel = "A", required = true, description = "The node that votes now.")
    private int from;

    @Option(names = "--to", paramLabel = "B", required = true, description = "The node that votes after.")
    private int to;

    @Override
    public Integer call() {
        return Verb.run(spec, this::move);
    }

    private int move() {
        ClusterFile file = target.load(spec);
        ClusterCommand.requireShard(spec, file, "--shard", shard);
        ClusterCommand.requireNode(spec, file, "--from", from);
        ClusterCommand.requireNode(spec, file, "--to", to);
        if (from == to) {
            throw new ParameterException(spec.commandLine(), "--from and --to are both node " + from);
        }
        if (!file.voters().get(shard).contains(from)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": node " + from
                    + " does not vote in shard " + shard + " (its voters: "
                    + ClusterCommand.ids(file.voters().get(shard)) + ")");
        }
        if (file.voters().get(shard).contains(to)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + ": node " + to + " already votes in shard "
                    + shard + " (its voters: " + ClusterCommand.ids(file.voters().get(shard)) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Membership groups = Membership.open(file, target.cliLogs())) {
            move(file, target.clusterFile(), groups, new ReplicaPlacement.Move(shard, from, to), true, out);
        }
        return 0;
    }

    /**
     * Does {@code move} on the group, then writes the file at {@code path} with it: shared with
     * remove-node, which has {@code from} keep no learner replica since it leaves anyway.
     * Refuses when the new voter holds no replica of the shard (it would have to copy all of it
     * while the group waits).
     */
    static ClusterFile move(ClusterFile file, Path path, Membership groups, ReplicaPlacement.Move move,
                            boolean keepLearner, PrintWriter out) {
        int s = move.shard();
        Membership.GroupConf conf = groups.conf(s);
        String to = file.node(move.to()).raftEndpoint();
        if (!conf.learners().contains(to) && !conf.voters().contains(to)) {
            throw new ClusterFailure("node " + move.to() + " holds no replica of shard " + s
                    + " (the group's learners: " + groups.nodes(conf.learners()) + "); add it with atta cluster "
                    + "add-node first");
        }
        if (conf.learners().contains(to) && !groups.aliveLearners(s).contains(to)) {
            throw new ClusterFailure("node " + move.to() + " is down: shard " + s + "'s leader has not heard from its "
                    + "learner replica lately; start it, or choose another node");
        }
        groups.moveVoter(s, move.from(), move.to(), keepLearner, line -> {
            out.println(line);
            out.flush();
        });
        ClusterFile after = ReplicaPlacement.apply(file, move);
        after.write(path);
        out.println("shard " + s + ": voters were " + ClusterCommand.ids(file.voters().get(s)) + ", now "
                + ClusterCommand.ids(after.voters().get(s)) + " (cluster file updated)");
        out.flush();
        return after;
    }
}
