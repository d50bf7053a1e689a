package io.atta.cluster.history;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The id filter never forgets an id it was given, rarely claims one it was not, and survives a round trip. */
class IdFilterTest {
    @Test
    void holdsEveryIdAddedAndFewOthersAcrossStagesAndARoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        IdFilter filter = new IdFilter();
        int n = IdFilter.firstStageIds * 7; // three stages
        long[] added = new long[n];
        for (int i = 0; i < n; i++) {
            added[i] = i % 2 == 0 ? i : random.nextLong();
            filter.add(added[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        filter.write(new DataOutputStream(bytes));
        IdFilter copy = new IdFilter();
        copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(copy.size()).isEqualTo(n);
        for (IdFilter f : new IdFilter[] {filter, copy}) {
            int forgotten = 0;
            for (long id : added) {
                forgotten += f.mightContain(id) ? 0 : 1;
            }
            assertThat(forgotten).as("ids added but not held").isZero();
            int falsePositives = 0;
            int probes = 100_000;
            for (int i = 0; i < probes; i++) {
                if (f.mightContain(-1 - (long) i)) {
                    falsePositives++;
                }
            }
            assertThat(falsePositives).as("false positives in %d fresh ids", probes).isLessThan(probes * 3 / 100);
        }
    }

    @Test
    void aFileOfTheOlderFormatIsNotReadSoTheCallerRebuildsTheFilter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1); // version 1: seven bits anywhere in a stage
        out.writeInt(1);
        out.writeInt(1 << 16);
        out.writeInt(1);
        out.writeInt(1);
        out.writeLong(-1L);
        IdFilter filter = new IdFilter();
        filter.add(42);
        assertThat(filter.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).isFalse();
        assertThat(filter.size()).isZero();
        assertThat(filter.mightContain(42)).isFalse();
    }

    @Test
    void pastItsBudgetTheFilterStopsGrowingAndStillHoldsEveryId() {
        long budget = 4L << 20;
        IdFilter filter = new IdFilter(budget);
        SplittableRandom random = new SplittableRandom(11);
        int n = IdFilter.firstStageIds * 12; // far past what 4 MiB holds at under 2% false positives
        long[] added = new long[n];
        for (int i = 0; i < n; i++) {
            added[i] = random.nextLong();
            filter.add(added[i]);
        }

        assertThat(filter.bytes()).as("heap of the filter").isLessThanOrEqualTo(budget);
        assertThat(filter.size()).isEqualTo(n);
        int forgotten = 0;
        for (long id : added) {
            forgotten += filter.mightContain(id) ? 0 : 1;
        }
        assertThat(forgotten).as("ids added but not held").isZero();
    }
}
