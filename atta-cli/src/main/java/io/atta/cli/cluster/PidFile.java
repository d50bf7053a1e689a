package io.atta.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A node's {@code pid} file: the pid of its server process and when that process started. The
 * start time tells the process apart from a later one that got the same pid after a reboot or a
 * crash, so that {@code atta cluster stop} never signals a stranger.
 *
 * @param start when the process started, or null when the system did not say
 */
public record PidFile(long pid, Instant start) {
    /** The file's contents, or empty when there is no file or it is not a pid file. */
    public static Optional<PidFile> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            Instant start = lines.size() > 1 && !lines.get(1).isBlank() ? Instant.parse(lines.get(1).trim()) : null;
            return Optional.of(new PidFile(pid, start));
        } catch (IndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static PidFile of(ProcessHandle process) {
        return new PidFile(process.pid(), process.info().startInstant().orElse(null));
    }

    /** Writes the file atomically. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n" + (start == null ? "" : start.toString()) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The process this file names, when it still runs and is the same process (same start time). */
    public Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
            Instant now = p.info().startInstant().orElse(null);
            return start == null || now == null || now.equals(start);
        });
    }
}
