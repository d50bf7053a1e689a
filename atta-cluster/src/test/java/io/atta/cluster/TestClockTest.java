package io.atta.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test clock over a wall clock the test holds: it moves forward only, and only as told. */
class TestClockTest {
    private static final long second = 1_000_000_000L;
    private final AtomicLong wall = new AtomicLong(1_800_000_000L * second);
    private final TestClock clock = new TestClock(wall::get);

    @Test
    void showsTheWallClockPlusEveryAdvance() {
        assertThat(clock.getAsLong()).isEqualTo(wall.get());
        assertThat(clock.advance(60)).isEqualTo(wall.get() + 60 * second);
        wall.addAndGet(5);
        assertThat(clock.getAsLong()).isEqualTo(wall.get() + 60 * second);
        assertThat(clock.advance(TestClock.maxAdvanceSeconds)).isEqualTo(wall.get() + (60 + TestClock.maxAdvanceSeconds)
                * second);
        assertThat(clock.offsetSeconds()).isEqualTo(60 + TestClock.maxAdvanceSeconds);
    }

    @Test
    void neverGoesBackWhenTheWallClockDoes() {
        clock.advance(10);
        long shown = clock.getAsLong();
        wall.addAndGet(-3_600 * second);
        assertThat(clock.getAsLong()).isEqualTo(shown);
        // An advance smaller than the step back still cannot take the clock back.
        assertThat(clock.advance(1)).isEqualTo(shown);
        wall.addAndGet(3_602 * second);
        assertThat(clock.getAsLong()).isEqualTo(shown + 3 * second);
    }

    @Test
    void refusesAdvancesOutsideItsLimits() {
        assertThatThrownBy(() -> clock.advance(0)).hasMessageContaining("maxAdvanceSeconds");
        assertThatThrownBy(() -> clock.advance(TestClock.maxAdvanceSeconds + 1)).hasMessageContaining(
                "maxAdvanceSeconds");
        while (clock.secondsLeft() >= TestClock.maxAdvanceSeconds) {
            clock.advance(TestClock.maxAdvanceSeconds);
        }
        long left = clock.secondsLeft();
        assertThatThrownBy(() -> clock.advance(left + 1)).hasMessageContaining("maxOffsetSeconds");
        clock.advance(left);
        assertThat(clock.offsetSeconds()).isEqualTo(TestClock.maxOffsetSeconds);
        assertThat(clock.getAsLong()).isEqualTo(wall.get() + TestClock.maxOffsetSeconds * second);
    }

    @Test
    void concurrentAdvancesAllCountAndReadersNeverSeeTimeGoBack() throws Exception {
        int threads = 4;
        int advancesEach = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            Future<Boolean> reader = pool.submit(() -> {
                long last = Long.MIN_VALUE;
                for (int i = 0; i < 100_000; i++) {
                    long t = clock.getAsLong();
                    if (t < last) {
                        return false;
                    }
                    last = t;
                }
                return true;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < advancesEach; i++) {
                        clock.advance(1);
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertThat(reader.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.offsetSeconds()).isEqualTo((long) threads * advancesEach);
        assertThat(clock.getAsLong()).isEqualTo(wall.get() + (long) threads * advancesEach * second);
    }
}
