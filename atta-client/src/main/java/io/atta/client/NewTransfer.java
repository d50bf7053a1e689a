package io.atta.client;

import io.atta.core.Currency;
import io.atta.core.Ids;

import java.util.Objects;

/**
 * One item of {@code POST /v1/transfers}. Amounts are minor units of {@code currency}; zero
 * fields other than {@code id}, the account ids and the amount take the API's defaults. For a
 * post or void of a pending transfer, {@code amount} 0 means "the whole pending amount".
 */
public record NewTransfer(long id, long debitAccountId, long creditAccountId, long amount, Currency currency,
                          int code, int flags, long pendingId, int timeoutSeconds, long userData) {
    public static final int defaultCode = 1;

    public NewTransfer {
        Objects.requireNonNull(currency, "currency");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }

    /**
     * The transfer id {@code n} in the slot of {@code debitAccountId}. Every transfer id must be
     * in a slot that its debit account's shard owns (docs/API.md, Transfer ids), and below
     * {@link Ids#platformLocalBit}: the platform's own ids are above it.
     */
    public static long idFor(long debitAccountId, long n) {
        return Ids.compose(Ids.slotOf(debitAccountId), n);
    }

    /** A plain single-phase transfer with the default code. */
    public static NewTransfer of(long id, long debitAccountId, long creditAccountId, long amount, Currency currency) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, currency, defaultCode, 0, 0, 0, 0);
    }
}
