package io.atta.cluster.history;

import java.nio.ByteBuffer;

/**
 * Key layout of the history store. Big-endian longs keep numeric order for the positive ids
 * and timestamps used here.
 * <ul>
 *   <li>{@code 't' id} → the transfer record</li>
 *   <li>{@code 'a' accountId timestamp} → balance event (transfer id, expired flag, balances after)</li>
 *   <li>{@code 'm' "applied"} → the last applied Raft log index</li>
 * </ul>
 */
final class HistoryKeys {
    static final byte transferPrefix = 't';
    static final byte accountPrefix = 'a';
    static final byte[] appliedIndexKey = {'m', 'a', 'p', 'p', 'l', 'i', 'e', 'd'};

    private HistoryKeys() {
    }

    static byte[] transfer(long id) {
        return ByteBuffer.allocate(9).put(transferPrefix).putLong(id).array();
    }

    static byte[] accountEvent(long accountId, long timestamp) {
        return ByteBuffer.allocate(17).put(accountPrefix).putLong(accountId).putLong(timestamp).array();
    }

    static boolean isAccountEventOf(byte[] key, long accountId) {
        return key.length == 17 && key[0] == accountPrefix && ByteBuffer.wrap(key, 1, 8).getLong() == accountId;
    }

    static long eventTimestamp(byte[] key) {
        return ByteBuffer.wrap(key, 9, 8).getLong();
    }
}
