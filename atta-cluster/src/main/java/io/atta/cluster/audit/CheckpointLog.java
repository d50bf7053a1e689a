package io.atta.cluster.audit;

import io.atta.core.audit.AuditHash;
import io.atta.core.audit.Checkpoint;
import io.atta.core.audit.CompactRange;
import io.atta.core.audit.MerkleTree;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The node's checkpoint log (docs/AUDIT.md): signed checkpoints numbered from 1, each signing the
 * RFC 9162 root of every checkpoint entry up to it, so that any two are linked by a consistency
 * proof. Appended to {@code audit/checkpoints.log} (per checkpoint: {@code entry_length u32,
 * entry, tree_size u64, root[32], signature_length u16, signature}) and fsync'd before it is
 * served; read back on start. Thread-safe.
 */
public final class CheckpointLog {
    static final String file = "checkpoints.log";

    private final Path path;
    private final KeyPair key;
    private final AuditHash hash = new AuditHash();
    private final List<SignedCheckpoint> checkpoints = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();
    /** The log's root, kept as leaves arrive: taking a checkpoint costs O(log n), not O(n). */
    private final CompactRange range = new CompactRange(hash);

    public CheckpointLog(Path dir, KeyPair key) {
        this.path = dir.resolve(file);
        this.key = key;
        load();
    }

    private void load() {
        if (!Files.exists(path)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                byte[] entry = new byte[len];
                in.readFully(entry);
                long size = in.readLong();
                byte[] root = new byte[AuditHash.bytes];
                in.readFully(root);
                byte[] sig = new byte[in.readUnsignedShort()];
                in.readFully(sig);
                checkpoints.add(new SignedCheckpoint(entry, size, root, sig));
                leaves.add(hash.leaf(entry));
                range.append(leaves.get(leaves.size() - 1));
            }
        } catch (EOFException torn) {
            // A checkpoint half written when the node stopped was never served: it is dropped.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Signs and appends a checkpoint of {@code heads} taken at {@code now}, unless they are those
     * of the last one (then the last one is answered): an idle platform adds nothing.
     */
    public synchronized SignedCheckpoint take(List<ShardHead> heads, long now) {
        SignedCheckpoint last = latest();
        if (last != null && sameHeads(last.checkpoint().heads(), heads)) {
            return last;
        }
        long seq = checkpoints.size() + 1;
        byte[] entry = new Checkpoint(seq, now, List.copyOf(heads)).toBytes();
        byte[] leaf = hash.leaf(entry);
        byte[] root = range.rootWith(leaf);
        SignedCheckpoint c = SignedCheckpoint.sign(entry, seq, root, key.getPrivate());
        try (FileOutputStream f = new FileOutputStream(path.toFile(), true);
             DataOutputStream out = new DataOutputStream(f)) {
            out.writeInt(entry.length);
            out.write(entry);
            out.writeLong(seq);
            out.write(root);
            out.writeShort(c.signature().length);
            out.write(c.signature());
            out.flush();
            f.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
        leaves.add(leaf);
        range.append(leaf);
        checkpoints.add(c);
        return c;
    }

    private static boolean sameHeads(List<ShardHead> a, List<ShardHead> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).shard() != b.get(i).shard() || a.get(i).height() != b.get(i).height()
                    || !Arrays.equals(a.get(i).headHash(), b.get(i).headHash())) {
                return false;
            }
        }
        return true;
    }

    /** The last checkpoint, or null before the first. */
    public synchronized SignedCheckpoint latest() {
        return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }

    /** Checkpoint {@code n} (from 1), or null. */
    public synchronized SignedCheckpoint get(long n) {
        return n >= 1 && n <= checkpoints.size() ? checkpoints.get((int) n - 1) : null;
    }

    public synchronized long size() {
        return checkpoints.size();
    }

    /** The RFC 9162 consistency proof from checkpoint {@code m}'s log to checkpoint {@code n}'s ({@code 1 <= m <= n <= size}). */
    public synchronized List<byte[]> consistency(long m, long n) {
        return MerkleTree.consistencyProof(hash, leaves.subList(0, (int) n), (int) m);
    }

    /** The first checkpoint whose head of {@code shard} is at or past {@code height}, or null. */
    public synchronized SignedCheckpoint covering(int shard, long height) {
        int lo = 0;
        int hi = checkpoints.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            ShardHead h = checkpoints.get(mid).checkpoint().head(shard);
            if (h != null && h.height() >= height) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < checkpoints.size() ? checkpoints.get(lo) : null;
    }
}
