package io.atta.cluster.history;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transfer ids the history store may hold: a Bloom filter that grows in stages, so that a
 * fresh id (the common case: clients choose new ids) is known absent without a store look-up,
 * while an id the filter may hold is still looked up (correctness never rests on the filter).
 * Each stage holds twice the ids of the one before with more bits per id, so the false-positive
 * rate stays under about 2% however many stages there are. Used by the applying thread only.
 */
final class IdFilter {
    /** Ids the first stage holds; each later stage holds twice as many, up to {@link #maxStageIds}. */
    static final int firstStageIds = 1 << 16;
    static final int maxStageIds = 1 << 24;
    /** Bits per id in the first stage (about 0.8% false positives); each later stage adds one. */
    static final int firstStageBitsPerId = 10;
    private static final int hashes = 7;
    private static final int formatVersion = 1;

    private final List<Stage> stages = new ArrayList<>();

    /** One fixed-size Bloom filter. */
    private static final class Stage {
        final int capacity;
        final long[] bits;
        final long bitCount;
        int size;

        Stage(int capacity, int bitsPerId) {
            this(capacity, new long[(int) (((long) capacity * bitsPerId + 63) >>> 6)], 0);
        }

        Stage(int capacity, long[] bits, int size) {
            this.capacity = capacity;
            this.bits = bits;
            this.bitCount = (long) bits.length << 6;
            this.size = size;
        }

        void add(long h1, long h2) {
            for (int i = 0; i < hashes; i++) {
                long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
                bits[(int) (bit >>> 6)] |= 1L << bit;
            }
            size++;
        }

        boolean mightContain(long h1, long h2) {
            for (int i = 0; i < hashes; i++) {
                long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
                if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    void add(long id) {
        Stage s = stages.isEmpty() ? null : stages.get(stages.size() - 1);
        if (s == null || s.size == s.capacity) {
            int n = stages.size();
            int capacity = (int) Math.min(maxStageIds, (long) firstStageIds << Math.min(n, 16));
            s = new Stage(capacity, firstStageBitsPerId + n);
            stages.add(s);
        }
        long h = mix(id);
        s.add(h, mix(h) | 1);
    }

    boolean mightContain(long id) {
        long h = mix(id);
        long h2 = mix(h) | 1;
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).mightContain(h, h2)) {
                return true;
            }
        }
        return false;
    }

    /** Ids added so far. */
    long size() {
        long n = 0;
        for (Stage s : stages) {
            n += s.size;
        }
        return n;
    }

    /** The bytes its bits take in the heap. */
    long bytes() {
        long bytes = 0;
        for (Stage s : stages) {
            bytes += (long) s.bits.length * Long.BYTES;
        }
        return bytes;
    }

    void clear() {
        stages.clear();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(formatVersion);
        out.writeInt(stages.size());
        for (Stage s : stages) {
            out.writeInt(s.capacity);
            out.writeInt(s.size);
            out.writeInt(s.bits.length);
            for (long w : s.bits) {
                out.writeLong(w);
            }
        }
    }

    /** Replaces this filter with the one {@link #write} wrote. */
    void read(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != formatVersion) {
            throw new IOException("id filter format " + version + " is not " + formatVersion);
        }
        stages.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            int capacity = in.readInt();
            int size = in.readInt();
            long[] bits = new long[in.readInt()];
            for (int w = 0; w < bits.length; w++) {
                bits[w] = in.readLong();
            }
            stages.add(new Stage(capacity, bits, size));
        }
    }

    /** SplitMix64's finaliser: spreads ids that differ in a few low bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
