package io.atta.core.credit;

import io.atta.core.command.Command;

/**
 * An operator switches the shard's scorecard to {@code version}: scores already recorded keep the
 * version that computed them; every later recomputation uses the new one.
 */
public record UseScoreModel(int version) implements Command {
}
