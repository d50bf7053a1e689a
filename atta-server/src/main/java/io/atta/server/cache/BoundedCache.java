package io.atta.server.cache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Records that never change once made (a merchant, a wallet id, a bound trade's terms), kept by
 * id so that the hot path need not read their shard again. Only immutable values belong here:
 * a kept value cannot go stale.
 *
 * <p>At most about {@code maxEntries} are kept, in two generations: new entries go to the young
 * one, and when it holds half the limit it becomes the old one and the old one is dropped. An
 * entry found in the old generation moves to the young one, so what is in use stays. Each step
 * is O(1): no scan for a victim. A dropped entry costs one shard read when it is needed again.
 */
public final class BoundedCache<V> {
    private final int generationEntries;
    private volatile ConcurrentHashMap<Long, V> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<Long, V> old = new ConcurrentHashMap<>();

    public BoundedCache(int maxEntries) {
        if (maxEntries < 2) {
            throw new IllegalArgumentException("maxEntries must be at least 2, got " + maxEntries);
        }
        this.generationEntries = maxEntries / 2;
    }

    /** The kept value, or null. */
    public V get(long id) {
        V v = young.get(id);
        if (v == null) {
            v = old.get(id);
            if (v != null) {
                put(id, v);
            }
        }
        return v;
    }

    public void put(long id, V value) {
        ConcurrentHashMap<Long, V> y = young;
        y.put(id, value);
        if (y.size() >= generationEntries) {
            age(y);
        }
    }

    private synchronized void age(ConcurrentHashMap<Long, V> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }

    /** How many entries are kept now (both generations; an entry may be counted twice). */
    public int size() {
        return young.size() + old.size();
    }
}
