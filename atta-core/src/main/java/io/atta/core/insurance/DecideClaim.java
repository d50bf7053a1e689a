package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * On the policy's shard: an operator approves or rejects a reported claim. An approved
 * account-security claim is paid in full at once; an approved mutual-aid claim is paid at the
 * end of its period with the members' shares. Deciding the same way again is {@code exists}.
 *
 * @param actingKeyId the admin key that decided (0: the node's bootstrap key)
 */
public record DecideClaim(long claimId, boolean approve, long actingKeyId, String reason) implements Command {
    public DecideClaim {
        reason = reason == null ? "" : reason;
    }
}
