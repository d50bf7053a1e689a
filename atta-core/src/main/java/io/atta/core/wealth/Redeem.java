package io.atta.core.wealth;

import io.atta.core.command.Command;

/**
 * Redeems {@code amount} units (minor units): fast pays the wallet at once, within the daily
 * fast-redeem limit; normal pays it on the next trading day. Either way the units stop earning
 * on the day of the request.
 */
public record Redeem(String fundCode, String requestId, long userId, long amount, boolean fast) implements Command {
    public Redeem {
        fundCode = fundCode == null ? "" : fundCode;
        requestId = requestId == null ? "" : requestId;
    }
}
