package io.atta.engine.access;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The keys of one shard: the state {@code CreateKey} and {@code RevokeKey} write. */
public final class Keys implements KeyBook {
    // Iterators allocated per use: concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Key> byId = new Long2ObjectHashMap<>(64, 0.65f, false);

    @Override
    public Key key(long keyId) {
        return byId.get(keyId);
    }

    @Override
    public List<Key> keysOf(long ownerId) {
        List<Key> out = new ArrayList<>();
        for (Key k : byId.values()) {
            if (k.ownerId() == ownerId) {
                out.add(k);
            }
        }
        out.sort(inCreationOrder);
        return out;
    }

    @Override
    public List<Key> all() {
        List<Key> out = new ArrayList<>(byId.values());
        out.sort(inCreationOrder);
        return out;
    }

    private static final Comparator<Key> inCreationOrder =
            Comparator.comparingLong(Key::createdAt).thenComparingLong(Key::keyId);
}
