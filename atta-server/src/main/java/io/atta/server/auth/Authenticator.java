package io.atta.server.auth;

import io.atta.core.auth.Role;
import io.atta.engine.ledger.User;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * Turns {@code Authorization: Bearer <key>} into a {@link Caller}. Secrets are compared in
 * constant time, as SHA-256 digests so that lengths do not leak either. A user token is checked
 * against the user's record on its shard on every request: nothing is cached, so a token stops
 * working the moment its record says so.
 */
public final class Authenticator {
    private static final String scheme = "Bearer ";
    private final byte[] adminKeyHash;
    private final ServerLedger ledger;

    public Authenticator(String adminKey, ServerLedger ledger) {
        this.adminKeyHash = UserTokens.sha256(adminKey);
        this.ledger = ledger;
    }

    /** The caller, or a future failed with 401. */
    public CompletableFuture<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.length() <= scheme.length()
                || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return CompletableFuture.failedFuture(ApiException.unauthorized());
        }
        String key = authorization.substring(scheme.length()).trim();
        byte[] hash = UserTokens.sha256(key);
        if (MessageDigest.isEqual(hash, adminKeyHash)) {
            return CompletableFuture.completedFuture(Caller.admin);
        }
        long userId = UserTokens.userIdOf(key);
        if (userId <= 0) {
            return CompletableFuture.failedFuture(ApiException.unauthorized());
        }
        // A merchant is a user with a shop: its own token acts as the merchant.
        return ledger.read(userId, l -> {
            User user = l.user(userId);
            if (user == null || !MessageDigest.isEqual(UserTokens.hashOf(user), hash)) {
                return null;
            }
            return new Caller(l.trades().merchant(userId) != null ? Role.merchant : Role.user, userId, userId);
        }).thenApply(caller -> {
            if (caller == null) {
                throw ApiException.unauthorized();
            }
            return caller;
        });
    }
}
