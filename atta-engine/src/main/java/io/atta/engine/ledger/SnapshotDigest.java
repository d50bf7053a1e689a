package io.atta.engine.ledger;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The hash of a snapshot section's bytes, for {@link StateHash}: a section that writes its
 * records in key order writes equal bytes for equal state, so hashing what it writes covers
 * every field it keeps without a second list of them.
 */
public final class SnapshotDigest {
    /** Writes a section. */
    public interface Section {
        void write(DataOutput out) throws IOException;
    }

    private SnapshotDigest() {
    }

    public static long of(Section section) {
        HashingStream h = new HashingStream();
        try (DataOutputStream out = new DataOutputStream(h)) {
            section.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("hashing writes to memory", e);
        }
        return h.hash;
    }

    /** FNV-1a over 64 bits of everything written. */
    private static final class HashingStream extends OutputStream {
        long hash = 0xcbf29ce484222325L;

        @Override
        public void write(int b) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
    }
}
