package io.atta.server.cache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records that never change once made (a merchant, a wallet id, a bound trade's terms), kept by
 * id so that the hot path need not read their shard again. Only immutable values belong here:
 * a kept value cannot go stale. At most about {@code maxEntries} are kept; past that an
 * arbitrary entry makes room, which costs one shard read when it is needed again.
 */
public final class BoundedCache<V> {
    private final int maxEntries;
    private final ConcurrentHashMap<Long, V> entries = new ConcurrentHashMap<>();

    public BoundedCache(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The kept value, or null. */
    public V get(long id) {
        return entries.get(id);
    }

    public void put(long id, V value) {
        if (entries.size() >= maxEntries) {
            Iterator<Long> any = entries.keySet().iterator();
            if (any.hasNext()) {
                entries.remove(any.next());
            }
        }
        entries.put(id, value);
    }

    public int size() {
        return entries.size();
    }
}
