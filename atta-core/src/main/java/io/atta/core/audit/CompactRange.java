package io.atta.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 root of a growing list of leaves in O(log n) per leaf: the roots of its perfect
 * subtrees, largest first (one per set bit of the size), merged as leaves arrive. The tree hash
 * of the whole is their fold from the right, which is the RFC's split at the largest power of
 * two below the size. For logs that append (the checkpoint log).
 */
public final class CompactRange {
    private final AuditHash hash;
    private final List<byte[]> roots = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long size;

    public CompactRange(AuditHash hash) {
        this.hash = hash;
    }

    /** Appends a leaf by its hash ({@code SHA-256(0x00 ‖ data)}). */
    public void append(byte[] leafHash) {
        byte[] h = leafHash;
        long s = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == s) {
            h = hash.node(roots.remove(roots.size() - 1), h);
            sizes.remove(sizes.size() - 1);
            s *= 2;
        }
        roots.add(h);
        sizes.add(s);
        size++;
    }

    /** The root the list would have with {@code leafHash} appended; the range itself is unchanged. */
    public byte[] rootWith(byte[] leafHash) {
        CompactRange c = new CompactRange(hash);
        c.roots.addAll(roots);
        c.sizes.addAll(sizes);
        c.size = size;
        c.append(leafHash);
        return c.root();
    }

    public long size() {
        return size;
    }

    /** MTH of every leaf appended (SHA-256 of nothing for none). */
    public byte[] root() {
        if (roots.isEmpty()) {
            return hash.plain(new byte[0]);
        }
        byte[] r = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            r = hash.node(roots.get(i), r);
        }
        return r;
    }
}
