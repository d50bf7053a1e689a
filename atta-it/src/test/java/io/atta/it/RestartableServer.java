package io.atta.it;

import io.atta.cli.ServerProcess;
import io.atta.cluster.transaction.KillAtStep;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server's data directory and port, started again and again as a new process: without a
 * crash point, or with one ({@code -Datta.crashAt}), so that it kills itself at that step of the
 * first transaction to reach it. At most one process runs at a time.
 */
final class RestartableServer implements AutoCloseable {
    private final Path data;
    private final int port;
    private final int shards;
    private final String adminKey;
    private final List<String> jvmArgs;
    private final List<String> serverArgs;
    private ServerProcess current;

    RestartableServer(Path data, int port, int shards, String adminKey, List<String> jvmArgs,
                      List<String> serverArgs) {
        this.data = data;
        this.port = port;
        this.shards = shards;
        this.adminKey = adminKey;
        this.jvmArgs = jvmArgs;
        this.serverArgs = serverArgs;
    }

    /** What a seeded crash test does with its server. */
    interface Run {
        void run(RestartableServer server) throws Exception;
    }

    /**
     * Runs a seeded crash test against a server on a free loopback port with its data in
     * {@code dir}: on failure prints the server's log tail and how to replay the seed; the server
     * is killed either way.
     */
    static void runSeeded(String test, long seed, Path dir, int shards, List<String> jvmArgs, List<String> serverArgs,
                          Run run) throws Exception {
        try (RestartableServer server = new RestartableServer(dir, freePort(), shards, "it-admin-key-" + seed,
                jvmArgs, serverArgs)) {
            try {
                run.run(server);
            } catch (Throwable t) {
                ServerLogTail.print(server.logFile());
                System.out.printf("%s failed with seed %d; replay with -Datta.seed=%d%n", test, seed, seed);
                throw t;
            }
        }
    }

    /** A loopback port free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Path data() {
        return data;
    }

    String adminKey() {
        return adminKey;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The log every start appends to; null before the first start. */
    Path logFile() {
        return current == null ? null : current.logFile();
    }

    /** Starts a process without a crash point; returns the milliseconds until it was healthy. */
    long startClean() {
        return start(jvmArgs);
    }

    /** Starts a process that kills itself at {@code point} ({@code afterPrepare:1}); returns as {@link #startClean}. */
    long startCrashingAt(String point) {
        return startCrashingAt(KillAtStep.property, point);
    }

    /** As {@link #startCrashingAt(String)}, with the crash point set by another property ({@code atta.historyCrashAt}). */
    long startCrashingAt(String property, String point) {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-D" + property + "=" + point);
        return start(args);
    }

    private long start(List<String> args) {
        kill();
        current = new ServerProcess(data, port, shards, adminKey, args, serverArgs);
        return current.start();
    }

    /** SIGKILL to the running process, if any. */
    void kill() {
        if (current != null) {
            current.kill();
        }
    }

    /** Waits until the process has died by its own hand; false when it still runs after {@code boundMs}. */
    boolean awaitExit(long boundMs) throws InterruptedException, ExecutionException {
        Optional<ProcessHandle> process = ProcessHandle.of(current.pid());
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(boundMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
