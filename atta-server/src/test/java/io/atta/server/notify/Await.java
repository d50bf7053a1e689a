package io.atta.server.notify;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A bounded wait for a condition: tests look again every few milliseconds and fail with the last value seen. */
public final class Await {
    static final long timeoutSeconds = 30;
    private static final long pauseMs = 20;

    private Await() {
    }

    /** The first value {@code probe} gives that {@code done} accepts, within {@link #timeoutSeconds}. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutSeconds + " s: " + what + "; last seen: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
            last = probe.get();
        }
        return last;
    }
}
