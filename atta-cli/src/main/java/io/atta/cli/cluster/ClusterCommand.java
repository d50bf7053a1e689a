package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code atta cluster}: runs a replicated cluster on this machine, and shows and changes the
 * membership and leadership of any cluster's shard groups (docs/CLUSTER.md).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Runs a replicated Atta cluster on this machine, and shows and changes which nodes hold and "
                + "lead each shard's raft group.",
                "Exit codes: 0 done, 1 failed (the message says why), 2 bad command line; status: 3 when some "
                        + "shard has no leader."},
        subcommands = {StartCommand.class, StatusCommand.class, StopCommand.class, AddNodeCommand.class,
                MoveReplicaCommand.class, RemoveNodeCommand.class, TransferLeaderCommand.class,
                RebalanceCommand.class})
public final class ClusterCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Where the verbs read environment variables ({@code ATTA_ADMIN_KEY}); tests give their own. */
    private final java.util.function.UnaryOperator<String> environment;

    public ClusterCommand() {
        this(System::getenv);
    }

    ClusterCommand(java.util.function.UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** An environment variable as the verb {@code spec} runs under sees it. */
    static String environment(CommandSpec spec, String name) {
        CommandSpec parent = spec.parent();
        return parent != null && parent.userObject() instanceof ClusterCommand c ? c.environment.apply(name)
                : System.getenv(name);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing verb: try 'atta cluster start --dir DIR --nodes 3' or 'atta cluster --help'");
    }

    /** Checks a shard option against the file: {@code --shard must be between 0 and 3 ...}. */
    static void requireShard(CommandSpec spec, ClusterFile file, String option, int shard) {
        if (shard < 0 || shard >= file.shards()) {
            throw new ParameterException(spec.commandLine(), option + " must be between 0 and " + (file.shards() - 1)
                    + " (the cluster has " + file.shards() + " shards), got " + shard);
        }
    }

    /** Checks that a node option names a node of the file. */
    static void requireNode(CommandSpec spec, ClusterFile file, String option, int node) {
        if (!file.nodes().containsKey(node)) {
            throw new ParameterException(spec.commandLine(), option + " " + node
                    + ": the cluster file has no such node (nodes: " + ids(file.nodes().keySet()) + ")");
        }
    }

    static String ids(Iterable<Integer> ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            b.append(b.length() == 0 ? "" : ",").append(id);
        }
        return b.toString();
    }
}
