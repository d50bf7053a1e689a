package io.atta.client;

import io.atta.core.command.Result;

/**
 * The answer to a top-up or withdrawal: {@code ok} the first time, {@code exists} for a repeat
 * of the same request id and content (which moved nothing).
 */
public record MoneyMovement(String requestId, long transferId, Result result) {
}
