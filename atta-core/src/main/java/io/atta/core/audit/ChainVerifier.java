package io.atta.core.audit;

import java.util.Arrays;
import java.util.List;

/**
 * Recomputes one shard's chain block by block, as {@code atta verify --data} and a verifier of
 * an exported history do (docs/AUDIT.md): each block must be the next height, name the previous
 * block's hash, carry the Merkle root of exactly its events, and move time and the log index
 * forward. The first block that does not names the shard and the height.
 */
public final class ChainVerifier {
    private final int shard;
    private final AuditHash hash = new AuditHash();
    private long height;
    private byte[] head = BlockHeader.genesis;
    private long lastTimestamp = Long.MIN_VALUE;
    private long lastIndex;

    public ChainVerifier(int shard) {
        this.shard = shard;
    }

    /**
     * Checks the block stored under {@code key} (its height) with its {@code events} (null when
     * its events record is missing); returns why it breaks the chain, or null.
     */
    public String next(long key, byte[] headerBytes, List<byte[]> events) {
        long expected = height + 1;
        String where = "shard " + shard + " height " + expected + ": ";
        if (key != expected) {
            return where + "block " + expected + " is missing (the next stored block is " + key + ")";
        }
        BlockHeader b;
        try {
            b = BlockHeader.of(headerBytes);
        } catch (IllegalArgumentException e) {
            return where + "the header cannot be read: " + e.getMessage();
        }
        if (b.shard() != shard || b.height() != expected) {
            return where + "the header says shard " + b.shard() + " height " + b.height();
        }
        if (!Arrays.equals(b.prevHash(), head)) {
            return where + "its previous hash is not block " + height + "'s hash";
        }
        if (b.timestamp() <= lastTimestamp || b.raftIndex() != 0 && b.raftIndex() <= lastIndex) {
            return where + "its time or log index does not move forward";
        }
        List<byte[]> evs = events == null ? List.of() : events;
        if (evs.size() != b.eventCount()) {
            return where + "the header counts " + b.eventCount() + " events, the history holds " + evs.size();
        }
        byte[] leaves = new byte[Math.max(1, evs.size()) * AuditHash.bytes];
        for (int i = 0; i < evs.size(); i++) {
            hash.leaf(evs.get(i), 0, evs.get(i).length, leaves, i * AuditHash.bytes);
        }
        if (!Arrays.equals(MerkleTree.rootInPlace(hash, leaves, evs.size()), b.eventsRoot())) {
            return where + "its events do not hash to its events root (changed, missing or reordered)";
        }
        head = hash.plain(headerBytes);
        height = expected;
        lastTimestamp = b.timestamp();
        lastIndex = Math.max(lastIndex, b.raftIndex());
        return null;
    }

    /** The height of the last block checked. */
    public long height() {
        return height;
    }

    /** The hash of the last block checked. */
    public byte[] head() {
        return head.clone();
    }
}
