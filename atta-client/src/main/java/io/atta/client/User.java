package io.atta.client;

import java.time.Instant;

/** A user as {@code GET /v1/users/{id}} shows it. */
public record User(long userId, long walletAccountId, Instant createdAt) {
}
