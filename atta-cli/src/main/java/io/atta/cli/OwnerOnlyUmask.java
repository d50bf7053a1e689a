package io.atta.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a server process under {@code umask 077}, as the {@code atta} launcher does, so every file
 * it writes after its start (raft segments, snapshots, logs) is its owner's only from the first
 * byte. A JVM cannot set its own umask, so the process is started through {@code sh}, which sets
 * it and then execs the command (same pid, same signals).
 */
public final class OwnerOnlyUmask {
    static final Path shell = Path.of("/bin/sh");
    public static final String umask = "077";

    private OwnerOnlyUmask() {
    }

    /** {@code command} run under umask 077; unchanged where there is no POSIX shell. */
    public static List<String> wrap(List<String> command) {
        if (!Files.isExecutable(shell)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(shell.toString(), "-c", "umask " + umask + " && exec \"$@\"",
                "sh"));
        wrapped.addAll(command);
        return wrapped;
    }
}
