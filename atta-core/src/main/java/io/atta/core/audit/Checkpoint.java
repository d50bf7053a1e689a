package io.atta.core.audit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint's entry: the heads of the shards' chains at one moment (docs/AUDIT.md). Bytes,
 * big-endian: {@code version u8 = 1, seq u64, timestamp u64, shard_count u32}, then per shard in
 * shard order {@link ShardHead}'s 52 bytes. Checkpoints are numbered from 1; entry {@code n} is
 * leaf {@code n - 1} of the checkpoint log, whose Merkle tree the signed statement covers.
 *
 * @param timestamp when it was taken, by the node's clock (ns since the epoch)
 */
public record Checkpoint(long seq, long timestamp, List<ShardHead> heads) {
    public static final byte version = 1;

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 4 + heads.size() * ShardHead.bytes).put(version).putLong(seq)
                .putLong(timestamp).putInt(heads.size());
        for (ShardHead h : heads) {
            b.putInt(h.shard()).putLong(h.height()).putLong(h.raftIndex()).put(h.headHash());
        }
        return b.array();
    }

    public static Checkpoint of(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 21 || in.get() != version) {
            throw new IllegalArgumentException("not a version " + version + " checkpoint entry");
        }
        long seq = in.getLong();
        long ts = in.getLong();
        int n = in.getInt();
        if (n < 0 || in.remaining() != (long) n * ShardHead.bytes) {
            throw new IllegalArgumentException("a checkpoint entry of " + n + " shards has " + in.remaining()
                    + " bytes of heads");
        }
        List<ShardHead> heads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int shard = in.getInt();
            long height = in.getLong();
            long index = in.getLong();
            byte[] hash = new byte[AuditHash.bytes];
            in.get(hash);
            heads.add(new ShardHead(shard, height, index, hash));
        }
        return new Checkpoint(seq, ts, List.copyOf(heads));
    }

    /** The head of {@code shard}, or null. */
    public ShardHead head(int shard) {
        for (ShardHead h : heads) {
            if (h.shard() == shard) {
                return h;
            }
        }
        return null;
    }
}
