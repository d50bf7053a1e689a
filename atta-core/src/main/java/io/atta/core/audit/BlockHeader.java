package io.atta.core.audit;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One block of a shard's audit chain: one applied batch (docs/AUDIT.md). Its bytes are fixed
 * width, big-endian: {@code version u8 = 1, shard u32, height u64, raft_index u64, timestamp u64,
 * event_count u32, prev_hash[32], events_root[32], state_hash[32]}; the block's hash is SHA-256 of
 * them, and the next block's {@code prev_hash}.
 *
 * @param height     1 for a shard's first batch, then one more per batch
 * @param raftIndex  the batch's index in the shard's Raft log
 * @param timestamp  the batch's first timestamp (ns); its commands have this one and the next ones
 * @param eventCount the events under {@code eventsRoot} (the leaves of its Merkle tree)
 * @param stateHash  the shard's state hash before the batch, every {@code stateHashEveryBlocks}
 *                   blocks; zeros in the others (docs/AUDIT.md says why)
 */
public record BlockHeader(int shard, long height, long raftIndex, long timestamp, int eventCount, byte[] prevHash,
                          byte[] eventsRoot, byte[] stateHash) {
    public static final byte version = 1;
    public static final int bytes = 1 + 4 + 8 + 8 + 8 + 4 + 3 * AuditHash.bytes;
    /** The previous hash of a shard's first block. */
    public static final byte[] genesis = new byte[AuditHash.bytes];

    public byte[] toBytes() {
        return ByteBuffer.allocate(bytes).put(version).putInt(shard).putLong(height).putLong(raftIndex)
                .putLong(timestamp).putInt(eventCount).put(prevHash).put(eventsRoot).put(stateHash).array();
    }

    /** Reads a header; throws {@link IllegalArgumentException} on a wrong length or version. */
    public static BlockHeader of(byte[] b) {
        if (b.length != bytes || b[0] != version) {
            throw new IllegalArgumentException("a block header is " + bytes + " bytes of version " + version + "; got "
                    + b.length + " bytes" + (b.length > 0 ? " of version " + b[0] : ""));
        }
        ByteBuffer in = ByteBuffer.wrap(b, 1, bytes - 1);
        int shard = in.getInt();
        long height = in.getLong();
        long raftIndex = in.getLong();
        long timestamp = in.getLong();
        int count = in.getInt();
        byte[] prev = new byte[AuditHash.bytes];
        byte[] root = new byte[AuditHash.bytes];
        byte[] state = new byte[AuditHash.bytes];
        in.get(prev).get(root).get(state);
        return new BlockHeader(shard, height, raftIndex, timestamp, count, prev, root, state);
    }

    public byte[] hash(AuditHash h) {
        return h.plain(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader b && Arrays.equals(toBytes(), b.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }
}
