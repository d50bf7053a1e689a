package io.atta.cli.cluster;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Runs the body of one {@code atta cluster} verb: a failure the operator must read (a
 * {@link ClusterFailure}, a cluster file that does not parse, a file that cannot be read) is
 * printed as {@code atta cluster <verb>: <message>} and exits 1. Command-line mistakes are
 * picocli's {@code ParameterException}s and pass through (exit 2).
 */
final class Verb {
    /** Exit code of a verb that failed. */
    static final int exitFailed = 1;

    interface Body {
        int run() throws IOException, InterruptedException;
    }

    private Verb() {
    }

    static int run(CommandSpec spec, Body body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.run();
        } catch (ClusterFailure | IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("atta cluster " + spec.name() + ": " + e.getMessage());
            err.flush();
            return exitFailed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("atta cluster " + spec.name() + ": interrupted");
            err.flush();
            return exitFailed;
        } finally {
            spec.commandLine().getOut().flush();
        }
    }
}
