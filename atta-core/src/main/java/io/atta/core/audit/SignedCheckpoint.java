package io.atta.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A checkpoint as the platform signs it: its entry, the size of the checkpoint log with it (its
 * {@code seq}) and the log's RFC 9162 root over every entry up to it, signed with Ed25519 by the
 * platform's audit key. The signed message is {@link #context} (ASCII, 25 bytes) ‖ {@code
 * tree_size u64} ‖ {@code root[32]} ‖ the entry's bytes (docs/AUDIT.md).
 */
public record SignedCheckpoint(byte[] entry, long treeSize, byte[] root, byte[] signature) {
    /** Domain separation: no other message the key signs begins with these bytes. */
    public static final byte[] context = "atta.audit.checkpoint.v1\n".getBytes(StandardCharsets.US_ASCII);

    public Checkpoint checkpoint() {
        return Checkpoint.of(entry);
    }

    public static byte[] message(byte[] entry, long treeSize, byte[] root) {
        return ByteBuffer.allocate(context.length + 8 + AuditHash.bytes + entry.length).put(context).putLong(treeSize)
                .put(root).put(entry).array();
    }

    public static SignedCheckpoint sign(byte[] entry, long treeSize, byte[] root, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message(entry, treeSize, root));
            return new SignedCheckpoint(entry, treeSize, root, s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit key", e);
        }
    }

    /** True when the signature is the key's over this checkpoint and its entry is the log's last leaf. */
    public boolean verify(PublicKey key) {
        try {
            if (checkpoint().seq() != treeSize || root.length != AuditHash.bytes) {
                return false;
            }
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message(entry, treeSize, root));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
