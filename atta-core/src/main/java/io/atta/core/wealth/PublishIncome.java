package io.atta.core.wealth;

import io.atta.core.command.Command;

/**
 * The fund manager's income per 10,000 units for the local day {@code day} (epoch day), in
 * ten-thousandths of the currency unit ({@code 0.4521} is 4521). The edge applies it on every
 * shard; each posts its own holders' income once every earlier day is posted.
 */
public record PublishIncome(String fundCode, int day, long incomePer10kScaled) implements Command {
    public PublishIncome {
        fundCode = fundCode == null ? "" : fundCode;
    }
}
