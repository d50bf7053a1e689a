package io.atta.engine.access;

import io.atta.core.auth.Role;

/**
 * An API key as its shard keeps it: never the secret, only the SHA-256 of the key text (four
 * big-endian longs).
 *
 * @param expiresAt when it stops working (ns since the epoch), 0 for never
 * @param revokedAt from when it answers 401 (ns since the epoch), 0 while not revoked
 */
public record Key(long keyId, Role role, long ownerId, long expiresAt, long hash0, long hash1, long hash2,
                  long hash3, String label, long createdByKeyId, long createdAt, long revokedAt) {

    /** True when the key authenticates at {@code now} (ns since the epoch). */
    public boolean activeAt(long now) {
        return (expiresAt == 0 || now < expiresAt) && (revokedAt == 0 || now < revokedAt);
    }
}
