package io.atta.client;

import io.atta.core.Currency;

import java.util.Objects;

/**
 * One item of {@code POST /v1/accounts}. {@code id} 0 lets the server draw the id, which makes
 * the request unsafe to repeat; choose ids with {@link AccountIds#forOwner} instead.
 */
public record NewAccount(long id, long userId, Currency currency, int code, int flags, long userData) {
    public static final int defaultCode = 10;

    public NewAccount {
        Objects.requireNonNull(currency, "currency");
    }

    /** An account with the default code and no flags. */
    public static NewAccount of(long id, long userId, Currency currency) {
        return new NewAccount(id, userId, currency, defaultCode, 0, 0);
    }
}
