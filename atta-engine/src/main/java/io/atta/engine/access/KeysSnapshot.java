package io.atta.engine.access;

import io.atta.core.auth.Role;
import io.atta.engine.ledger.SnapshotDigest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes and reads a shard's {@link Keys} in key id order, so that equal key books write equal
 * bytes (which {@link #digest} hashes). Only hashes are written, as only hashes are kept.
 */
public final class KeysSnapshot {
    private KeysSnapshot() {
    }

    public static void write(Keys keys, DataOutput out) throws IOException {
        List<Long> ids = new ArrayList<>(keys.byId.keySet());
        Collections.sort(ids);
        out.writeInt(ids.size());
        for (long id : ids) {
            Key k = keys.byId.get(id);
            out.writeLong(k.keyId());
            out.writeByte(k.role().code());
            out.writeLong(k.ownerId());
            out.writeLong(k.expiresAt());
            out.writeLong(k.hash0());
            out.writeLong(k.hash1());
            out.writeLong(k.hash2());
            out.writeLong(k.hash3());
            out.writeUTF(k.label());
            out.writeLong(k.createdByKeyId());
            out.writeLong(k.createdAt());
            out.writeLong(k.revokedAt());
        }
    }

    /** Replaces the keys with the snapshot's. */
    public static void read(Keys keys, DataInput in) throws IOException {
        keys.byId.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            int role = in.readUnsignedByte();
            if (!Role.hasCode(role)) {
                throw new IOException("snapshot key " + id + " has unknown role " + role);
            }
            Key k = new Key(id, Role.ofCode(role), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong());
            keys.byId.put(id, k);
        }
    }

    /** Forgets every key (a snapshot from before keys loads into an empty book). */
    public static void clear(Keys keys) {
        keys.byId.clear();
    }

    public static long digest(Keys keys) {
        return SnapshotDigest.of(out -> write(keys, out));
    }
}
