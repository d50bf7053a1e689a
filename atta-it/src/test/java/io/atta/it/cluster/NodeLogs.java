package io.atta.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the cluster tests print from the nodes' logs: the end of each when a test fails (the
 * failsafe report keeps what a test prints), and the raft leadership changes, which is where
 * the failover times of a run are read.
 */
final class NodeLogs {
    /** How many of a log's last lines are printed when a test fails. */
    static final int maxTailLines = 150;
    /** What SOFAJRaft logs when a replica takes over its group ({@code NodeImpl}, at INFO). */
    static final String becameLeader = "become leader";

    private NodeLogs() {
    }

    static void printTail(Path log) {
        List<String> lines = read(log);
        System.out.printf("---- last %d of %d lines of %s ----%n", Math.min(maxTailLines, lines.size()), lines.size(),
                log);
        lines.subList(Math.max(0, lines.size() - maxTailLines), lines.size()).forEach(System.out::println);
    }

    /** Prints every line of {@code log} where a replica became leader. */
    static void printLeadershipChanges(Path log) {
        System.out.println("---- leadership changes in " + log + " ----");
        read(log).stream().filter(l -> l.contains(becameLeader)).forEach(System.out::println);
    }

    private static List<String> read(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("cannot read " + log + ": " + e);
        }
    }
}
