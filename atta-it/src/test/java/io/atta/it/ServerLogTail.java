package io.atta.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of a server's log, printed when a crash test fails: the log lives in the test's
 * temporary directory, which JUnit deletes afterwards, and the failsafe report keeps what the
 * test printed.
 */
final class ServerLogTail {
    /** How many of the log's last lines are printed. */
    static final int maxLines = 300;

    private ServerLogTail() {
    }

    static void print(Path logFile) {
        if (logFile == null || !Files.isRegularFile(logFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            System.out.printf("---- last %d of %d lines of %s ----%n", Math.min(maxLines, lines.size()), lines.size(),
                    logFile);
            for (String line : lines.subList(Math.max(0, lines.size() - maxLines), lines.size())) {
                System.out.println(line);
            }
        } catch (IOException e) {
            System.out.println("cannot read " + logFile + ": " + e);
        }
    }
}
