package io.atta.cluster.history;

import java.nio.ByteBuffer;

/**
 * Key layout of the history store. Big-endian longs keep numeric order for the positive ids
 * and timestamps used here.
 * <ul>
 *   <li>{@code 't' id} → the transfer record</li>
 *   <li>{@code 'g' batchTimestamp accountId} → one account's balance events of one batch, after
 *       the batch time of that account's previous group (0 for none). Time-major, so the
 *       writes of each batch land after everything already stored: appends, not scattered
 *       inserts that compaction would keep rewriting. Each account's groups form a chain
 *       back in time from its head, which {@link AccountHeads} keeps.</li>
 *   <li>{@code 'r' pendingId} → the id of the post or void transfer that resolved it, so that the
 *       pending transfer's row can show what was posted</li>
 *   <li>{@code 'o' txId} → the decision on a cross-shard transaction this shard coordinated</li>
 *   <li>{@code 'a' kind id} → a module's final record (a trade, an order) moved out of the heap</li>
 *   <li>{@code 'l' listKind owner createdAt id} → (empty) the record's place in one of its lists
 *       (a merchant's orders, a buyer's), walked back from a time for a page</li>
 *   <li>{@code 'c' index seq} → a change record of the change stream ({@link ChangeCodec}), at its
 *       cursor: the batch's log index and its place in the batch. Log-ordered, so each batch's
 *       changes append after the ones stored.</li>
 *   <li>{@code 'm' "applied"} → the last applied Raft log index</li>
 * </ul>
 */
final class HistoryKeys {
    static final byte transferPrefix = 't';
    static final byte groupPrefix = 'g';
    static final byte archivedPrefix = 'a';
    static final byte placePrefix = 'l';
    static final byte changePrefix = 'c';
    static final int changeKeyBytes = 13;
    static final byte[] appliedIndexKey = {'m', 'a', 'p', 'p', 'l', 'i', 'e', 'd'};

    private HistoryKeys() {
    }

    /** {@code 'o' txId}: the decision on a cross-shard transaction this shard coordinated. */
    static byte[] outcome(long txId) {
        return ByteBuffer.allocate(9).put((byte) 'o').putLong(txId).array();
    }

    static byte[] resolution(long pendingId) {
        return ByteBuffer.allocate(9).put((byte) 'r').putLong(pendingId).array();
    }

    static byte[] transfer(long id) {
        return ByteBuffer.allocate(9).put(transferPrefix).putLong(id).array();
    }

    static byte[] group(long batchTimestamp, long accountId) {
        return ByteBuffer.allocate(17).put(groupPrefix).putLong(batchTimestamp).putLong(accountId).array();
    }

    static byte[] change(long index, int seq) {
        return ByteBuffer.allocate(changeKeyBytes).put(changePrefix).putLong(index).putInt(seq).array();
    }

    static byte[] archived(byte kind, long id) {
        return ByteBuffer.allocate(10).put(archivedPrefix).put(kind).putLong(id).array();
    }

    static byte[] place(byte listKind, long owner, long createdAt, long id) {
        return ByteBuffer.allocate(26).put(placePrefix).put(listKind).putLong(owner).putLong(createdAt).putLong(id)
                .array();
    }
}
