package io.atta.engine.shard;

import org.agrona.collections.LongArrayList;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A {@link RecordArchive} in memory: for tests and models, where there is no disk. */
public final class InMemoryRecordArchive implements RecordArchive {
    private record Key(byte kind, long id) {
    }

    private final Map<Key, byte[]> records = new HashMap<>();
    private final TreeSet<Place> lists = new TreeSet<>();

    @Override
    public void put(Entry e) {
        records.put(new Key(e.kind(), e.id()), e.bytes());
        for (int i = 0; i < e.listKinds().length; i++) {
            lists.add(new Place(e.listKinds()[i], e.listOwners()[i], e.createdAt(), e.id()));
        }
    }

    @Override
    public byte[] find(byte kind, long id) {
        return records.get(new Key(kind, id));
    }

    @Override
    public void list(byte listKind, long owner, long before, int limit, LongArrayList out) {
        NavigableSet<Place> of = lists.subSet(new Place(listKind, owner, Long.MIN_VALUE, Long.MIN_VALUE), true,
                new Place(listKind, owner, before, Long.MIN_VALUE), false).descendingSet();
        int n = 0;
        for (Place p : of) {
            if (n++ >= limit) {
                break;
            }
            out.addLong(p.id());
        }
    }

    /** How many records it holds. */
    public int size() {
        return records.size();
    }

    /** An independent copy, standing in for a snapshot of the store. */
    public InMemoryRecordArchive copy() {
        InMemoryRecordArchive c = new InMemoryRecordArchive();
        c.records.putAll(records);
        c.lists.addAll(lists);
        return c;
    }
}
