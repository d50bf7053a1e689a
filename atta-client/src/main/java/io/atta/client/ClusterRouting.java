package io.atta.client;

import io.atta.core.Ids;

import java.net.URI;
import java.util.List;

/**
 * {@code GET /v1/cluster/routing}: which shard serves each of the {@link Ids#slotCount} slots
 * ids carry, and the base URL of each shard's leader as the node asked knew it (null while the
 * shard elects one, or when the node could not name it). A hint, not a promise: leadership may
 * move a moment later, and a node that no longer leads still forwards a write to the one that does.
 */
public final class ClusterRouting {
    private final int[] shardOfSlot;
    private final URI[] leaders;

    /**
     * @param shardOfSlot the shard of each slot, {@link Ids#slotCount} elements
     * @param leaders     each shard's leader by shard number (the list's size is the shard count); null entries where unknown
     */
    public ClusterRouting(int[] shardOfSlot, List<URI> leaders) {
        if (shardOfSlot.length != Ids.slotCount) {
            throw new IllegalArgumentException("a routing table maps " + Ids.slotCount + " slots, got "
                    + shardOfSlot.length);
        }
        if (leaders.isEmpty()) {
            throw new IllegalArgumentException("a routing table has at least one shard");
        }
        for (int slot = 0; slot < shardOfSlot.length; slot++) {
            if (shardOfSlot[slot] < 0 || shardOfSlot[slot] >= leaders.size()) {
                throw new IllegalArgumentException("slot " + slot + " goes to shard " + shardOfSlot[slot]
                        + ", not one of 0.." + (leaders.size() - 1));
            }
        }
        this.shardOfSlot = shardOfSlot.clone();
        this.leaders = leaders.toArray(new URI[0]);
    }

    public int shards() {
        return leaders.length;
    }

    public int shardOfSlot(int slot) {
        return shardOfSlot[slot];
    }

    /** The shard of a user or account id, by the slot it carries. */
    public int shardOf(long id) {
        return shardOfSlot[Ids.slotOf(id)];
    }

    /** The base URL of {@code shard}'s leader, or null when the node asked did not know it. */
    public URI leader(int shard) {
        return leaders[shard];
    }

    /**
     * The one shard every id of {@code ids} lives on, or -1 when they span shards, when there are
     * none, or when one is not an id at all (negative: the server will refuse it).
     */
    public int commonShard(long[] ids) {
        int shard = -1;
        for (long id : ids) {
            if (id < 0) {
                return -1;
            }
            int s = shardOfSlot[Ids.slotOf(id)];
            if (shard >= 0 && s != shard) {
                return -1;
            }
            shard = s;
        }
        return shard;
    }
}
