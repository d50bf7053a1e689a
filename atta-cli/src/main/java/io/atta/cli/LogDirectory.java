package io.atta.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the log files of SOFAJRaft's RPC layer (bolt, via sofa-common-tools) at the data
 * directory. They read the {@code logging.path} system property once, when their first logger
 * is made, and otherwise write under the home directory; so this runs before anything touches
 * the node (docs/ARCHITECTURE.md §6).
 */
final class LogDirectory {
    private LogDirectory() {
    }

    static Path useUnder(Path dataDir) {
        Path logs = dataDir.resolve("logs").toAbsolutePath();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + logs, e);
        }
        if (System.getProperty("logging.path") == null) {
            System.setProperty("logging.path", logs.toString());
        }
        return logs;
    }
}
