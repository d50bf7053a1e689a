package io.atta.cli.bench;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows how a phase is going on stderr about once a second: items done and the rate over the
 * last interval. Reads a counter the workers bump; never slows them down.
 */
final class Progress implements AutoCloseable {
    static final long intervalMs = 1000;

    private final ScheduledExecutorService timer;
    private final AtomicLong done;

    Progress(String phase, String unit, long target, AtomicLong done, PrintWriter err) {
        this.done = done;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0, System.nanoTime()};
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long d = done.get();
            double rate = (d - last[0]) / ((now - last[1]) / 1e9);
            last[0] = d;
            last[1] = now;
            err.printf("[bench] %s: %,d / %,d %s, %,.0f/s%n", phase, d, target, unit, rate);
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    long done() {
        return done.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
