package io.atta.client;

import io.atta.core.Currency;

import java.time.Instant;

/**
 * A transfer as the server recorded it. {@code timestamp} is its exact time in nanoseconds since
 * the epoch (unique and increasing within a shard); {@code pendingStatus} is null unless the
 * transfer is a pending one ({@code pending}, {@code posted}, {@code voided}, {@code expired}).
 * {@code flags} is a bit set of {@link io.atta.core.TransferFlags}. {@code postedAmount} is what
 * the transfer has moved between its accounts: its amount for a plain transfer; for a pending or
 * cross-shard one what was posted, 0 while pending or once voided or expired; summing it over an
 * account's history gives the account's balance.
 */
public record Transfer(long id, long debitAccountId, long creditAccountId, long amount, Currency currency,
                       int code, int flags, long pendingId, int timeoutSeconds, long userData, long timestamp,
                       Instant createdAt, String pendingStatus, long postedAmount) {
}
