package io.atta.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code atta cluster <verb> --dir DIR …} against a {@link LoopbackCluster} as an operator
 * would: a separate JVM from the jar the nodes run, whose output is kept in the cluster's
 * directory and printed with the failure when it exits with anything but 0.
 */
final class ClusterVerbs {
    /** How long one verb may take: add-node waits for the new node to catch up, moves wait for their changes. */
    static final long verbBoundMs = 120_000;

    private final LoopbackCluster cluster;
    private int runs;

    ClusterVerbs(LoopbackCluster cluster) {
        this.cluster = cluster;
    }

    /** Runs {@code atta cluster <verb> --dir <cluster dir> <args>} and returns its output; fails unless it exits 0. */
    String run(String verb, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", cluster.jar().toString(), "cluster", verb, "--dir",
                cluster.dir().toString()));
        cmd.addAll(List.of(args));
        Path output = cluster.dir().resolve("verb-" + (++runs) + "-" + verb + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(verbBoundMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("atta cluster " + verb + " did not finish within " + verbBoundMs + " ms:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("atta cluster " + verb + " " + String.join(" ", args) + " exited "
                    + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
