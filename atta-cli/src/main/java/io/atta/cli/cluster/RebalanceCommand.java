package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code atta cluster rebalance}: every shard's leadership back to its preferred leader. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Moves each shard's leadership to its preferred leader.",
                "Moves each shard's leadership to its preferred leader, the first node of its shard.S line in "
                + "the cluster file, when that node is alive; says what moved and what could not."})
public final class RebalanceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Override
    public Integer call() {
        return Verb.run(spec, this::rebalance);
    }

    private int rebalance() {
        ClusterFile file = target.load(spec);
        PrintWriter out = spec.commandLine().getOut();
        List<Rebalance.Outcome> outcomes;
        try (Membership groups = Membership.open(file, target.cliLogs())) {
            outcomes = Rebalance.run(file, groups, line -> {
                out.println(line);
                out.flush();
            });
        }
        long moved = outcomes.stream().filter(Rebalance.Outcome::moved).count();
        long preferred = outcomes.stream().filter(o -> o.leaderAfter() == o.preferred()).count();
        out.println("moved " + moved + " leader" + (moved == 1 ? "" : "s") + "; " + preferred + " of "
                + outcomes.size() + " shards are led by their preferred leader");
        return 0;
    }
}
