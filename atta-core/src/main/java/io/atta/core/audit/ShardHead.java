package io.atta.core.audit;

/** Where one shard's chain stood when a checkpoint was taken: its last block. */
public record ShardHead(int shard, long height, long raftIndex, byte[] headHash) {
    /** {@code shard u32, height u64, raft_index u64, head_hash[32]}. */
    public static final int bytes = 4 + 8 + 8 + AuditHash.bytes;
}
