package io.atta.core.command;

/**
 * Revokes an API key (or a user's own token, whose key id is the user id) on the shard that
 * owns its slot: from {@code effectiveAt} (ns since the epoch) on, it answers 401; 0 means at
 * once (the command's own timestamp). A later effective time is how a rotated key keeps
 * working for a grace period. Revoking a revoked key changes nothing.
 */
public record RevokeKey(long keyId, long effectiveAt) implements Command {
}
