package io.atta.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of the audit chain (docs/AUDIT.md): SHA-256 from the JDK, with RFC 9162's domain
 * separation, a leaf is {@code SHA-256(0x00 ‖ bytes)} and an inner node {@code SHA-256(0x01 ‖ left ‖
 * right)}, so that no leaf can pass for a node. One instance per thread (a {@link MessageDigest}
 * is not thread-safe); it allocates only the 32-byte results it returns.
 */
public final class AuditHash {
    /** Bytes of every hash. */
    public static final int bytes = 32;
    private static final byte leafPrefix = 0x00;
    private static final byte nodePrefix = 0x01;

    private final MessageDigest sha256;

    public AuditHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    /** SHA-256 of {@code b}. */
    public byte[] plain(byte[] b) {
        return sha256.digest(b);
    }

    /** A leaf's hash: SHA-256(0x00 ‖ b[off, off+len)). */
    public byte[] leaf(byte[] b, int off, int len) {
        sha256.update(leafPrefix);
        sha256.update(b, off, len);
        return sha256.digest();
    }

    public byte[] leaf(byte[] b) {
        return leaf(b, 0, b.length);
    }

    /** Writes a leaf's hash into {@code out} at {@code at} (no allocation). */
    public void leaf(byte[] b, int off, int len, byte[] out, int at) {
        sha256.update(leafPrefix);
        sha256.update(b, off, len);
        digestInto(out, at);
    }

    /** An inner node's hash: SHA-256(0x01 ‖ left ‖ right). */
    public byte[] node(byte[] left, byte[] right) {
        sha256.update(nodePrefix);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** Writes the node of the hashes at {@code l} and {@code r} of {@code from} into {@code out} at {@code at}. */
    public void node(byte[] from, int l, int r, byte[] out, int at) {
        sha256.update(nodePrefix);
        sha256.update(from, l, bytes);
        sha256.update(from, r, bytes);
        digestInto(out, at);
    }

    private void digestInto(byte[] out, int at) {
        try {
            sha256.digest(out, at, bytes);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 32-byte room holds a SHA-256", e);
        }
    }
}
