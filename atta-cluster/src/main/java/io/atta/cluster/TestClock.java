package io.atta.cluster;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The leader's clock in test mode ({@code atta server --test-clock}): the wall clock plus an
 * offset that only grows, so that a test moves time forward (auto-close, refund deadlines,
 * settlement intervals) instead of waiting for it. It never goes back: what it answers is at
 * least what it answered before, even when the wall clock under it steps back.
 *
 * <p>Thread-safe: the batchers, the ticker and the HTTP threads read it while a test advances
 * it. The offset lives in memory; a restart begins again at the wall clock (the shards keep
 * their own timestamps increasing whatever the clock says).
 */
public final class TestClock implements LongSupplier {
    /** Most one {@link #advance} may move the clock: 400 days. */
    public static final long maxAdvanceSeconds = 400L * 86_400;
    /**
     * How far ahead of the wall clock the offset may reach in all: 100 years, well inside the
     * range of nanoseconds since the epoch a long holds (to 2262).
     */
    public static final long maxOffsetSeconds = 100L * 365 * 86_400;

    private final LongSupplier wallNanos;
    private final AtomicLong offsetNanos = new AtomicLong();
    /** The latest time answered, so that no answer is earlier than one before it. */
    private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

    /** A test clock over {@code wallNanos} (nanoseconds since the epoch), at no offset yet. */
    public TestClock(LongSupplier wallNanos) {
        this.wallNanos = wallNanos;
    }

    /** Now, in nanoseconds since the epoch: the wall clock plus the offset, never less than before. */
    @Override
    public long getAsLong() {
        long t = wallNanos.getAsLong() + offsetNanos.get();
        return latest.accumulateAndGet(t, Math::max);
    }

    /** How far ahead of the wall clock the clock has been moved, in seconds. */
    public long offsetSeconds() {
        return offsetNanos.get() / 1_000_000_000L;
    }

    /** How many more seconds the clock may be moved before the offset reaches {@link #maxOffsetSeconds}. */
    public long secondsLeft() {
        return maxOffsetSeconds - offsetSeconds();
    }

    /**
     * Moves the clock {@code seconds} forward and answers the time it then shows.
     *
     * @throws IllegalArgumentException when {@code seconds} is outside 1..{@link #maxAdvanceSeconds}
     *                                  or would take the offset past {@link #maxOffsetSeconds}
     *                                  (the API checks both first and answers 400)
     */
    public synchronized long advance(long seconds) {
        if (seconds < 1 || seconds > maxAdvanceSeconds) {
            throw new IllegalArgumentException("a test clock moves 1 to " + maxAdvanceSeconds
                    + " seconds at a time (maxAdvanceSeconds), not " + seconds);
        }
        if (seconds > secondsLeft()) {
            throw new IllegalArgumentException("a test clock runs at most " + maxOffsetSeconds
                    + " seconds ahead of the wall clock (maxOffsetSeconds); " + secondsLeft() + " are left");
        }
        offsetNanos.addAndGet(seconds * 1_000_000_000L);
        return getAsLong();
    }
}
