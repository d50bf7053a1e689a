package io.atta.cli.cluster;

import io.atta.cli.CliRun;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code atta cluster args…} in this JVM, capturing its output: the cluster command on its
 * own, so that these tests do not depend on how {@code atta} registers it.
 */
final class ClusterCli {
    private ClusterCli() {
    }

    static CliRun cluster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // No environment: ATTA_ADMIN_KEY set where the tests run must not change what they see.
        CommandLine cmd = new CommandLine(new ClusterCommand(name -> null));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
