package io.atta.cli.cluster;

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

/** {@code atta cluster stop}: stops the server processes of a local cluster. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stops the nodes of a local cluster.",
                "Stops every node of a cluster started with atta cluster start: SIGTERM, then SIGKILL to a node "
                + "still running after " + LocalCluster.stopTimeoutMs / 1000 + " s. Nodes already stopped are not "
                + "an error. The data stays; atta cluster start --dir DIR starts the cluster again."})
public final class StopCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The cluster's directory.")
    private Path dir;

    @Override
    public Integer call() {
        return Verb.run(spec, this::stop);
    }

    private int stop() throws IOException, InterruptedException {
        LocalLayout layout = new LocalLayout(dir);
        if (!Files.isRegularFile(layout.clusterFile())) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " holds no "
                    + LocalLayout.clusterFileName);
        }
        LocalCluster cluster = LocalCluster.open(dir, List.of(), List.of());
        PrintWriter out = spec.commandLine().getOut();
        List<LocalCluster.Stopped> outcomes = cluster.stop();
        for (LocalCluster.Stopped s : outcomes) {
            out.println(switch (s.outcome()) {
                case stopped -> "node " + s.node() + " (pid " + s.pid() + ") stopped";
                case killed -> "node " + s.node() + " (pid " + s.pid() + ") did not stop within "
                        + LocalCluster.stopTimeoutMs + " ms (stopTimeoutMs) of SIGTERM; killed it (SIGKILL)";
                case notRunning -> "node " + s.node() + " was not running";
            });
        }
        long stopped = outcomes.stream().filter(s -> s.outcome() != LocalCluster.StopOutcome.notRunning).count();
        out.println(stopped == 0 ? "No node was running" : "Stopped " + stopped + " node" + (stopped == 1 ? "" : "s"));
        return 0;
    }
}
