package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code atta cluster transfer-leader}: one shard's leadership moves to a given voter. */
@Command(name = "transfer-leader", mixinStandardHelpOptions = true,
        description = {"Moves a shard's leadership to another voter.",
                "Moves shard S's leadership to node B, which must vote in the shard, and waits until B leads. "
                + "The cluster file is not changed: rebalance moves leadership back to the preferred leader."})
public final class TransferLeaderCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Option(names = "--shard", paramLabel = "S", required = true, description = "The shard.")
    private int shard;

    @Option(names = "--to", paramLabel = "B", required = true, description = "The node to lead it.")
    private int to;

    @Override
    public Integer call() {
        return Verb.run(spec, this::transfer);
    }

    private int transfer() {
        ClusterFile file = target.load(spec);
        ClusterCommand.requireShard(spec, file, "--shard", shard);
        ClusterCommand.requireNode(spec, file, "--to", to);
        PrintWriter out = spec.commandLine().getOut();
        try (Membership groups = Membership.open(file, target.cliLogs())) {
            Membership.GroupConf conf = groups.conf(shard);
            if (!conf.voters().contains(file.node(to).raftEndpoint())) {
                throw new ClusterFailure("node " + to + " does not vote in shard " + shard + " (its voters: "
                        + groups.nodes(conf.voters()) + "); only a voter can lead");
            }
            int before = groups.leaderNode(shard);
            if (groups.transferLeader(shard, to)) {
                out.println("shard " + shard + ": leadership moved from "
                        + (before == ClusterView.noLeader ? "no leader" : "node " + before) + " to node " + to);
            } else {
                out.println("shard " + shard + ": node " + to + " already leads");
            }
        }
        return 0;
    }
}
