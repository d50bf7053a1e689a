package io.atta.core.credit;

import io.atta.core.command.Command;

/** An operator records the user's identity verification level, 0 (none) to 3 (fully verified). */
public record SetKyc(long userId, int level) implements Command {
    /** The highest KYC level. */
    public static final int maxLevel = 3;
}
