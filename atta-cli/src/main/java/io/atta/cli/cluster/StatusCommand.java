package io.atta.cli.cluster;

import io.atta.cli.AdminKey;
import io.atta.cluster.ClusterFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code atta cluster status}: every node's view of every shard group, side by side. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each shard's leader and replicas, as every node sees them.",
                "Asks every node of the cluster for its view of each shard's raft group and shows, per shard, "
                + "the leader, its term, and each replica's role, applied index, lag behind the leader's log and "
                + "commit index. Nodes that do not answer are shown as down.",
                "Exit codes: 0 every shard has a leader, 3 some shard has none, 1 failed."})
public final class StatusCommand implements Callable<Integer> {
    /** The exit code when some shard has no leader. */
    public static final int exitNoLeader = 3;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ClusterTarget target;

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "Admin key of the nodes (default: $" + AdminKey.envVariable + ", else the admin.key beside "
                    + "the cluster file).")
    private String adminKey;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    private boolean json;

    @Override
    public Integer call() {
        return Verb.run(spec, this::status);
    }

    private int status() throws IOException, InterruptedException {
        ClusterFile file = target.load(spec);
        ClusterView view = ClusterView.gather(file, new NodeApi(requireAdminKey(spec, target, adminKey)));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? StatusReport.json(view) + "\n" : StatusReport.table(view));
        out.flush();
        return view.leaderlessShards().isEmpty() ? 0 : exitNoLeader;
    }

    /** The admin key from the option, the environment or the file beside the cluster file; a usage error when none. */
    static String requireAdminKey(CommandSpec spec, ClusterTarget target, String option) throws IOException {
        String key = ClusterAdminKey.resolve(option, ClusterCommand.environment(spec, AdminKey.envVariable),
                target.adminKeyFile());
        if (key == null) {
            throw new ParameterException(spec.commandLine(), "the nodes' admin API needs the admin key: pass "
                    + "--admin-key, set " + AdminKey.envVariable + ", or keep it in " + target.adminKeyFile());
        }
        return key;
    }
}
