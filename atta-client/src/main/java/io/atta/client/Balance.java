package io.atta.client;

import io.atta.core.Currency;

import java.time.Instant;

/** An account's balances as they were at {@code at} ({@code GET /v1/accounts/{id}/balance}). */
public record Balance(long accountId, Instant at, Currency currency, long debitsPending, long debitsPosted,
                      long creditsPending, long creditsPosted, long balance) {
}
