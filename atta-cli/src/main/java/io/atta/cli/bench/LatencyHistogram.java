package io.atta.cli.bench;

/**
 * Request latencies in microseconds, in log-linear buckets (exact below 64 µs, then 32 buckets
 * per power of two: within about 3%), so a run of any length takes a fixed 15 KiB. One per
 * thread; merge them at the end.
 */
final class LatencyHistogram {
    private static final int linearBuckets = 64;
    private static final int subBucketBits = 5;
    private static final int subBuckets = 1 << subBucketBits;
    /** Values up to 2^62 µs; the first log range starts at 2^6. */
    private static final int bucketCount = linearBuckets + (62 - 6 + 1) * subBuckets;

    private final long[] counts = new long[bucketCount];
    private long total;

    void recordNanos(long nanos) {
        counts[bucketOf(Math.max(0, nanos / 1000))]++;
        total++;
    }

    long count() {
        return total;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < bucketCount; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** The latency at quantile {@code q} (0 < q ≤ 1) in milliseconds, or 0 with no samples. */
    double quantileMillis(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < bucketCount; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return midpointMicros(i) / 1000.0;
            }
        }
        throw new AssertionError("rank " + rank + " beyond " + total + " samples");
    }

    static int bucketOf(long micros) {
        if (micros < linearBuckets) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (exponent - subBucketBits)) & (subBuckets - 1));
        return linearBuckets + (exponent - 6) * subBuckets + sub;
    }

    static double midpointMicros(int bucket) {
        if (bucket < linearBuckets) {
            return bucket;
        }
        int exponent = (bucket - linearBuckets) / subBuckets + 6;
        int sub = (bucket - linearBuckets) % subBuckets;
        long width = 1L << (exponent - subBucketBits);
        long low = (1L << exponent) + sub * width;
        return low + (width - 1) / 2.0;
    }
}
