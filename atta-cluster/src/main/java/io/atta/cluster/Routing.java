package io.atta.cluster;

import io.atta.core.Ids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which shard serves each of the {@link Ids#slotCount} slots that ids carry. A data directory
 * keeps its table in {@code routing.properties} ({@link RoutingTableFile}); a new one starts from
 * {@link #Routing(int) contiguous ranges}. The lowest slot of a shard is its home slot, where its
 * house accounts live.
 */
public final class Routing {
    private final int shards;
    private final int[] shardOfSlot;
    private final int[] homeSlot;

    /** An inclusive range of slots, {@code from..to}. */
    public record SlotRange(int from, int to) {
        public SlotRange {
            if (from < 0 || from > to || to >= Ids.slotCount) {
                throw new IllegalArgumentException("not a slot range: " + from + "-" + to);
            }
        }

        public int count() {
            return to - from + 1;
        }
    }

    /**
     * The default table of {@code shards} shards: shard {@code s} serves slots
     * {@code [ceil(s·slots/shards), ceil((s+1)·slots/shards))}. Data made before routing tables
     * were kept on disk was routed by exactly this.
     */
    public Routing(int shards) {
        this(shards, contiguous(shards));
    }

    /** A table that gives slot {@code i} to shard {@code shardOfSlot[i]}; every shard needs a slot. */
    Routing(int shards, int[] shardOfSlot) {
        if (shards < 1 || shardOfSlot.length != Ids.slotCount) {
            throw new IllegalArgumentException("a routing table maps " + Ids.slotCount + " slots onto at least one shard");
        }
        this.shards = shards;
        this.shardOfSlot = shardOfSlot.clone();
        this.homeSlot = new int[shards];
        Arrays.fill(homeSlot, -1);
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            int s = this.shardOfSlot[slot];
            if (s < 0 || s >= shards) {
                throw new IllegalArgumentException("slot " + slot + " goes to shard " + s + ", not one of 0.." + (shards - 1));
            }
            if (homeSlot[s] < 0) {
                homeSlot[s] = slot;
            }
        }
        for (int s = 0; s < shards; s++) {
            if (homeSlot[s] < 0) {
                throw new IllegalArgumentException("shard " + s + " has no slot");
            }
        }
    }

    private static int[] contiguous(int shards) {
        int[] shardOfSlot = new int[Ids.slotCount];
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            shardOfSlot[slot] = (int) ((long) slot * shards / Ids.slotCount);
        }
        return shardOfSlot;
    }

    public int shards() {
        return shards;
    }

    public int shardOfSlot(int slot) {
        return shardOfSlot[slot];
    }

    public int shardOf(long id) {
        return shardOfSlot[Ids.slotOf(id)];
    }

    public int homeSlot(int shard) {
        return homeSlot[shard];
    }

    /** The slots {@code shard} serves, as maximal inclusive ranges in ascending order. */
    public List<SlotRange> slotRanges(int shard) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("no shard " + shard + " in a table of " + shards);
        }
        List<SlotRange> ranges = new ArrayList<>();
        int from = -1;
        for (int slot = 0; slot <= Ids.slotCount; slot++) {
            boolean mine = slot < Ids.slotCount && shardOfSlot[slot] == shard;
            if (mine && from < 0) {
                from = slot;
            } else if (!mine && from >= 0) {
                ranges.add(new SlotRange(from, slot - 1));
                from = -1;
            }
        }
        return ranges;
    }

    /** How many slots {@code shard} serves. */
    public int slotCount(int shard) {
        int n = 0;
        for (SlotRange r : slotRanges(shard)) {
            n += r.count();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Routing r && r.shards == shards && Arrays.equals(r.shardOfSlot, shardOfSlot);
    }

    @Override
    public int hashCode() {
        return 31 * shards + Arrays.hashCode(shardOfSlot);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Routing[");
        for (int s = 0; s < shards; s++) {
            b.append(s == 0 ? "" : ", ").append(s).append('=').append(slotRanges(s));
        }
        return b.append(']').toString();
    }
}
