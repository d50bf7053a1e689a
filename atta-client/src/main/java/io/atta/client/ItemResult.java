package io.atta.client;

import io.atta.core.command.Result;

/** The outcome of one write on one id, e.g. closing an account. */
public record ItemResult(long id, Result result) {
}
