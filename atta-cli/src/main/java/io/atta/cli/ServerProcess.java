package io.atta.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code atta server} running in its own JVM, for crash tests and the recovery benchmark:
 * started from the runnable jar (or this JVM's class path), killed with SIGKILL, restarted on
 * the same data directory and ports.
 */
public final class ServerProcess implements AutoCloseable {
    /** How long a start may take before it counts as failed: replay of a long log included. */
    public static final long startTimeoutMs = 180_000;

    private final Path dataDir;
    private final int port;
    private final int shards;
    private final String adminKey;
    private final Path logFile;
    private final List<String> jvmArgs;
    private final List<String> serverArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    public ServerProcess(Path dataDir, int port, int shards, String adminKey, List<String> jvmArgs) {
        this(dataDir, port, shards, adminKey, jvmArgs, List.of());
    }

    /** As above, with further {@code atta server} options ({@code --snapshot-interval 1}). */
    public ServerProcess(Path dataDir, int port, int shards, String adminKey, List<String> jvmArgs,
                         List<String> serverArgs) {
        this.serverArgs = serverArgs;
        this.dataDir = dataDir;
        this.port = port;
        this.shards = shards;
        this.adminKey = adminKey;
        this.jvmArgs = jvmArgs;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Starts the server and waits until {@code /health} answers 200; returns the milliseconds
     * that took. Retries a start whose process exits at once (a port the kernel has not freed yet).
     */
    public long start() {
        long began = System.nanoTime();
        long deadline = began + TimeUnit.MILLISECONDS.toNanos(startTimeoutMs);
        while (true) {
            launch();
            while (System.nanoTime() < deadline) {
                if (healthy()) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
                }
                if (!process.isAlive()) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            if (System.nanoTime() >= deadline) {
                kill();
                throw new IllegalStateException("server did not become healthy within " + startTimeoutMs
                        + " ms; see " + logFile);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        // A server a test starts checks the engine's invariants, as the test's own JVM does
        // (docs/RESULTS.md); one that `atta bench` starts runs without them, as in production.
        if (ServerProcess.class.desiredAssertionStatus()) {
            cmd.add("-ea:io.atta.engine...");
        }
        String jar = System.getProperty("atta.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of("server", "--data", dataDir.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--shards", Integer.toString(shards)));
        cmd.addAll(serverArgs);
        // Under umask 077, as the atta launcher runs a server: its files are its owner's only.
        ProcessBuilder pb = new ProcessBuilder(OwnerOnlyUmask.wrap(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("ATTA_ADMIN_KEY", adminKey);
        try {
            Files.writeString(logFile, "---- start " + (++starts) + " ----\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    public boolean healthy() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already durable. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server process did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clean stop (SIGTERM), waiting for the process to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill();
    }
}
