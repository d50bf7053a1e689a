package io.atta.server.auth;

/**
 * Who makes a request: the admin (acts on everything) or one user (acts only on itself and its
 * own accounts).
 *
 * @param userId the user, or 0 for the admin
 */
public record Caller(long userId) {
    public static final Caller admin = new Caller(0);

    public boolean isAdmin() {
        return userId == 0;
    }

    /** The user on whose authority ledger commands are made, 0 for the platform itself. */
    public long actingUserId() {
        return userId;
    }

    /** True when this caller may act on (the record and accounts of) {@code user}. */
    public boolean mayActFor(long user) {
        return isAdmin() || userId == user;
    }
}
