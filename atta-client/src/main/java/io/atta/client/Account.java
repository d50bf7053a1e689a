package io.atta.client;

import io.atta.core.Currency;

import java.time.Instant;

/**
 * An account as {@code GET /v1/accounts/{id}} shows it; amounts in minor units.
 * {@code balance} = creditsPosted − debitsPosted (may be negative), {@code available} =
 * balance − debitsPending. {@code flags} is a bit set of {@link io.atta.core.AccountFlags}.
 */
public record Account(long id, long userId, Currency currency, int code, int flags, long userData,
                      long debitsPending, long debitsPosted, long creditsPending, long creditsPosted,
                      long balance, long available, Instant createdAt) {
}
