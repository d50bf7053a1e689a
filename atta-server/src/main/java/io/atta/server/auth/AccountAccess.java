package io.atta.server.auth;

import io.atta.engine.ledger.AccountState;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.util.concurrent.CompletableFuture;

/**
 * Who may act on an account: the admin, or the user who owns it. The owner is read from the
 * account's shard on every request (nothing cached that could go stale).
 */
public final class AccountAccess {
    private final ServerLedger ledger;

    public AccountAccess(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The account, when the caller may act on it; fails with 404 when absent, 403 when not the caller's. */
    public CompletableFuture<AccountState> require(Caller caller, long accountId) {
        return require(caller, accountId, false);
    }

    /** As {@link #require(Caller, long)}; with {@code stale}, read from this node's replica as it is. */
    public CompletableFuture<AccountState> require(Caller caller, long accountId, boolean stale) {
        return (stale ? ledger.readStale(accountId, l -> l.account(accountId))
                : ledger.read(accountId, l -> l.account(accountId))).thenApply(a -> {
            if (a == null) {
                throw ApiException.notFound("no account " + accountId);
            }
            if (!caller.mayActFor(a.ownerUserId())) {
                throw ApiException.forbidden("this key may not act on account " + accountId, null);
            }
            return a;
        });
    }

    /** True when the caller may act on the account (which exists). */
    public CompletableFuture<Boolean> mayActOn(Caller caller, long accountId) {
        if (caller.isAdmin()) {
            return CompletableFuture.completedFuture(true);
        }
        return ledger.read(accountId, l -> {
            AccountState a = l.account(accountId);
            return a != null && a.ownerUserId() == caller.userId();
        });
    }
}
