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
 *
 * <p>Every fresh id of every batch is checked against every stage, so a check must cost one
 * cache miss per stage, not one per hash: each stage is a <em>split-block</em> Bloom filter (as
 * Parquet's and Impala's), where an id sets one bit in each of the eight words of one 64-byte
 * block, the block chosen by multiplying (no division). The first stage is large enough that a
 * busy shard has few stages.
 *
 * <p>Its heap is bounded: the stages together take at most {@link #budgetBytes} (by default
 * {@link #defaultBudgetBytes}, about 7M ids at under 2% false positives). Past that, new ids go
 * into the last stage beyond its capacity: the filter still holds every id, but claims more that
 * it does not (each such claim costs a store look-up, which RocksDB's own per-file Bloom filters
 * answer from its block cache). So a shard's heap does not grow with its history.
 */
final class IdFilter {
    /** Ids the first stage holds; each later stage holds twice as many, up to {@link #maxStageIds}. */
    static final int firstStageIds = 1 << 20;
    static final int maxStageIds = 1 << 24;
    /** Bits per id in the first stage (about 1% false positives); each later stage adds one. */
    static final int firstStageBitsPerId = 10;
    private static final int wordsPerBlock = 8;
    /** Parquet's salts: word {@code w}'s bit is the top six bits of the id's low hash word times salt {@code w}. */
    private static final int[] salts = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b,
            0x9efc4947, 0x5c6bfb31};
    /** Version 1 set seven bits anywhere in a stage; its files are not read (the filter is rebuilt). */
    private static final int formatVersion = 2;

    /** The default most bytes the stages take: 16 MiB a shard. */
    static final long defaultBudgetBytes = 16L << 20;

    private final List<Stage> stages = new ArrayList<>();
    private final long budgetBytes;

    IdFilter() {
        this(defaultBudgetBytes);
    }

    /** A filter whose stages take at most {@code budgetBytes} (at least the first stage's). */
    IdFilter(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** One fixed-size split-block Bloom filter. */
    private static final class Stage {
        final int capacity;
        final long[] bits;
        final long blocks;
        int size;

        Stage(int capacity, int bitsPerId) {
            this(capacity, new long[blocksFor(capacity, bitsPerId) * wordsPerBlock], 0);
        }

        Stage(int capacity, long[] bits, int size) {
            if (bits.length == 0 || bits.length % wordsPerBlock != 0) {
                throw new IllegalArgumentException("a stage has whole blocks of " + wordsPerBlock + " words: "
                        + bits.length);
            }
            this.capacity = capacity;
            this.bits = bits;
            this.blocks = bits.length / wordsPerBlock;
            this.size = size;
        }

        private static int blocksFor(int capacity, int bitsPerId) {
            return (int) (((long) capacity * bitsPerId + 511) >>> 9);
        }

        /** The first word of the block of hash {@code h}: its high 32 bits scaled to the block count. */
        private int block(long h) {
            return (int) (((h >>> 32) * blocks) >>> 32) * wordsPerBlock;
        }

        private static long bit(long h, int w) {
            return 1L << (((int) h * salts[w]) >>> 26);
        }

        void add(long h) {
            int base = block(h);
            for (int w = 0; w < wordsPerBlock; w++) {
                bits[base + w] |= bit(h, w);
            }
            size++;
        }

        boolean mightContain(long h) {
            int base = block(h);
            for (int w = 0; w < wordsPerBlock; w++) {
                if ((bits[base + w] & bit(h, w)) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    void add(long id) {
        Stage s = stages.isEmpty() ? null : stages.get(stages.size() - 1);
        if (s == null || s.size >= s.capacity) {
            Stage next = nextStage();
            if (next != null) {
                s = next;
            }
        }
        s.add(mix(id));
    }

    /** A new stage, twice the last one's ids, or null when it would pass the budget (the last one then fills on). */
    private Stage nextStage() {
        int n = stages.size();
        int capacity = (int) Math.min(maxStageIds, (long) firstStageIds << Math.min(n, 16));
        int bitsPerId = firstStageBitsPerId + n;
        long stageBytes = (long) Stage.blocksFor(capacity, bitsPerId) * wordsPerBlock * Long.BYTES;
        if (n > 0 && bytes() + stageBytes > budgetBytes) {
            return null;
        }
        Stage s = new Stage(capacity, bitsPerId);
        stages.add(s);
        return s;
    }

    boolean mightContain(long id) {
        long h = mix(id);
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).mightContain(h)) {
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

    /**
     * Replaces this filter with the one {@link #write} wrote and returns true; returns false, with
     * the filter empty, for a file of another format version, which the caller then rebuilds from
     * the store's ids.
     */
    boolean read(DataInputStream in) throws IOException {
        stages.clear();
        int version = in.readInt();
        if (version != formatVersion) {
            return false;
        }
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
        return true;
    }

    /** SplitMix64's finaliser: spreads ids that differ in a few low bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
