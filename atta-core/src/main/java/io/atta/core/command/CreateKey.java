package io.atta.core.command;

import io.atta.core.auth.Role;

/**
 * Creates an API key, on the shard that owns the slot of {@code keyId}. The edge draws the key
 * id in its owner's slot (a user's or merchant's slot, a channel's slot; slot 0 for admin keys)
 * and the secret; the state machine keeps only the SHA-256 of the whole key text.
 *
 * @param ownerId the user (role user), merchant (role merchant) or channel (role channel) the
 *                key acts for; 0 for role admin
 * @param expiresAt when the key stops working (ns since the epoch), 0 for never
 * @param createdByKeyId the key that created it (0: the node's bootstrap admin key)
 */
public record CreateKey(long keyId, Role role, long ownerId, long expiresAt, long hash0, long hash1, long hash2,
                        long hash3, String label, long createdByKeyId) implements Command {
    public CreateKey {
        label = label == null ? "" : label;
    }
}
