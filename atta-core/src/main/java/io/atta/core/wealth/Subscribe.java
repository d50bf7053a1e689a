package io.atta.core.wealth;

import io.atta.core.command.Command;

/** Moves {@code amount} (minor units) from the user's wallet into the fund, confirmed as units on a later trading day. */
public record Subscribe(String fundCode, String requestId, long userId, long amount) implements Command {
    public Subscribe {
        fundCode = fundCode == null ? "" : fundCode;
        requestId = requestId == null ? "" : requestId;
    }
}
