package io.atta.core.risk;

import io.atta.core.command.Command;

/** An operator sets the KYC level risk control uses for a user of this shard (0 until set; docs/RISK.md). */
public record SetKycLevel(long userId, int level, long actingKeyId) implements Command {
}
