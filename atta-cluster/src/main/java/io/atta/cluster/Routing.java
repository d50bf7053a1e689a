package io.atta.cluster;

import io.atta.core.Ids;

/**
 * Maps the {@link Ids#slotCount} slots onto shards in contiguous ranges: shard
 * {@code s} serves slots {@code [ceil(s·slots/shards), ceil((s+1)·slots/shards))}. The first
 * slot of a shard's range is its home slot, where its house accounts live.
 */
public final class Routing {
    private final int shards;
    private final int[] shardOfSlot = new int[Ids.slotCount];
    private final int[] homeSlot;

    public Routing(int shards) {
        this.shards = shards;
        this.homeSlot = new int[shards];
        java.util.Arrays.fill(homeSlot, -1);
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            int s = (int) ((long) slot * shards / Ids.slotCount);
            shardOfSlot[slot] = s;
            if (homeSlot[s] < 0) {
                homeSlot[s] = slot;
            }
        }
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
}
