package io.atta.engine.shard;

import org.agrona.collections.LongArrayList;

/**
 * Where a module moves records that reached a final state out of the heap: the shard's history
 * (docs/ARCHITECTURE.md §6). On a server it is the projection of the log (an in-memory tail that
 * an indexer writes to RocksDB in log order); in tests and models it is a map.
 *
 * <p>{@link #put} is called on the apply thread, in apply, and belongs to the batch being applied:
 * it is stored with that batch, so a replica that replays the log from a snapshot puts the same
 * records at the same log index. {@link #find} sees every record put so far, including those of
 * the batch being applied (the tail, then the store), so apply may look records up as it looks up
 * transfer ids. Reads from other threads see what was put before they began.
 */
public interface RecordArchive {
    /**
     * A record to archive: its kind (one byte a module owns, e.g. {@code 'T'} trade), its id, its
     * bytes (the module's codec), and the lists it belongs to, each by {@code listKinds[i]} and
     * {@code listOwners[i]}, ordered by {@code createdAt} then id.
     */
    record Entry(byte kind, long id, byte[] bytes, long createdAt, byte[] listKinds, long[] listOwners) {
    }

    /** A record's place in one of its lists: by list, owner, creation time, id (the store's key order). */
    record Place(byte listKind, long owner, long createdAt, long id) implements Comparable<Place> {
        @Override
        public int compareTo(Place o) {
            int c = Byte.compare(listKind, o.listKind);
            c = c != 0 ? c : Long.compare(owner, o.owner);
            c = c != 0 ? c : Long.compare(createdAt, o.createdAt);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    /** Stores the record, replacing an earlier one of the same kind and id (its list places are the same). */
    void put(Entry e);

    /** The bytes of the newest record of {@code kind} and {@code id}, or null. */
    byte[] find(byte kind, long id);

    /**
     * Adds to {@code out} ids of list ({@code listKind}, {@code owner}) created before {@code before}
     * (ns), among them the newest {@code limit} (by creation time, then id): perhaps more, perhaps
     * repeated, in no set order (the caller reads the records and orders them).
     */
    void list(byte listKind, long owner, long before, int limit, LongArrayList out);

    /**
     * The change stream's seam (docs/REPORTING.md): a module's record changed in the batch being
     * applied, and {@code bytes} (the module's codec, of the module's {@code kind}) tell how. Called
     * on the apply thread; the shard's history stores it with the batch, under the batch's cursor,
     * for {@code GET /v1/changes}. Nothing reads it back in apply, so a store without a change
     * stream (tests, models) ignores it. A module calls it only outside linked chains (a change
     * of a chain that is undone would still be streamed).
     */
    default void changed(byte kind, long id, byte[] bytes) {
    }
}
