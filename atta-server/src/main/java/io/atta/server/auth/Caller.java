package io.atta.server.auth;

import io.atta.core.auth.Role;

/**
 * Who makes a request: the key's role, whom it acts for, and the key itself.
 *
 * @param ownerId the user (role user), merchant (role merchant) or channel (role channel) the key
 *                acts for; 0 for roles admin and reporting (the platform's, not anyone's)
 * @param keyId   the key that authenticated (a user's own token has the user id as key id; 0 is
 *                the node's bootstrap admin key)
 */
public record Caller(Role role, long ownerId, long keyId) {
    /** The node's bootstrap admin key ({@code --admin-key}, {@code data/admin.key}). */
    public static final Caller admin = new Caller(Role.admin, 0, 0);

    public Caller {
        if ((role == Role.admin || role == Role.reporting) != (ownerId == 0)) {
            throw new IllegalArgumentException("admin and reporting keys have no owner, every other key has one: "
                    + role + " " + ownerId);
        }
    }

    /** A user acting through its own token. */
    public static Caller user(long userId) {
        return new Caller(Role.user, userId, userId);
    }

    public boolean isAdmin() {
        return role == Role.admin;
    }

    /** The user this key acts as (users and merchants, which are users too); 0 for admin and channel keys. */
    public long userId() {
        return role == Role.user || role == Role.merchant ? ownerId : 0;
    }

    /**
     * The user on whose authority ledger commands are made, 0 for the platform itself (admin). A
     * channel key acts on no user's authority: the route table never lets one reach a handler
     * that asks, and one that did would be a bug, not a platform action.
     */
    public long actingUserId() {
        if (role == Role.channel || role == Role.lender || role == Role.reporting) {
            throw new IllegalStateException("a " + role.apiName() + " key acts on no user's authority");
        }
        return ownerId;
    }

    /** True when this caller may act on (the record and accounts of) {@code user}. */
    public boolean mayActFor(long user) {
        return isAdmin() || (userId() != 0 && userId() == user);
    }

    /** True for a fund manager key of {@code managerUserId}, the manager user of a fund (or admin). */
    public boolean managesFundsOf(long managerUserId) {
        return isAdmin() || (role == Role.fund_manager && ownerId == managerUserId);
    }

    /** True for an insurer key of {@code ownerUserId}, the user that owns an insurer (or admin). */
    public boolean readsStatementsOf(long ownerUserId) {
        return isAdmin() || (role == Role.insurer && ownerId == ownerUserId);
    }

    /** True for a key of this channel (or admin). */
    public boolean mayActForChannel(long channelId) {
        return isAdmin() || (role == Role.channel && ownerId == channelId);
    }
}
