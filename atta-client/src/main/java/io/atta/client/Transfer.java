package io.atta.client;

import io.atta.core.Currency;

import java.time.Instant;

/**
 * A transfer as the server recorded it. {@code timestamp} is its exact time in nanoseconds since
 * the epoch (unique and increasing within a shard); {@code pendingStatus} is null unless the
 * transfer is a pending one ({@code pending}, {@code posted}, {@code voided}, {@code expired}).
 * {@code flags} is a bit set of {@link io.atta.core.TransferFlags}.
 */
public record Transfer(long id, long debitAccountId, long creditAccountId, long amount, Currency currency,
                       int code, int flags, long pendingId, int timeoutSeconds, long userData, long timestamp,
                       Instant createdAt, String pendingStatus) {
}
