package io.atta.core.audit;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * The proof that one record (an event's canonical bytes) is on a shard's chain under a signed
 * checkpoint (docs/AUDIT.md): its leaf index and inclusion path in its block's events tree, the
 * block's header, the headers of the blocks after it up to the shard's head in the checkpoint,
 * and the signed checkpoint. {@link #verify} needs nothing else but the platform's public key.
 */
public record RecordProof(byte[] event, long leafIndex, List<byte[]> path, byte[] block, List<byte[]> following,
                          SignedCheckpoint checkpoint) {
    /** Why the proof fails, or null when it holds. */
    public String failure(PublicKey key) {
        AuditHash h = new AuditHash();
        BlockHeader header;
        try {
            header = BlockHeader.of(block);
        } catch (IllegalArgumentException e) {
            return "the block header cannot be read: " + e.getMessage();
        }
        if (!MerkleTree.verifyInclusion(h, h.leaf(event), leafIndex, header.eventCount(), path, header.eventsRoot())) {
            return "the record is not leaf " + leafIndex + " of block " + header.height() + "'s events root";
        }
        byte[] hash = h.plain(block);
        long height = header.height();
        for (byte[] next : following) {
            BlockHeader n;
            try {
                n = BlockHeader.of(next);
            } catch (IllegalArgumentException e) {
                return "a following block header cannot be read: " + e.getMessage();
            }
            if (n.shard() != header.shard() || n.height() != height + 1 || !Arrays.equals(n.prevHash(), hash)) {
                return "block " + n.height() + " does not follow block " + height + " of shard " + header.shard();
            }
            hash = h.plain(next);
            height = n.height();
        }
        Checkpoint c;
        try {
            c = checkpoint.checkpoint();
        } catch (IllegalArgumentException e) {
            return "the checkpoint cannot be read: " + e.getMessage();
        }
        ShardHead head = c.head(header.shard());
        if (head == null || head.height() != height || !Arrays.equals(head.headHash(), hash)) {
            return "checkpoint " + c.seq() + " does not name block " + height + " of shard " + header.shard()
                    + " as the head";
        }
        if (!checkpoint.verify(key)) {
            return "the checkpoint's signature does not verify with the key";
        }
        return null;
    }
}
