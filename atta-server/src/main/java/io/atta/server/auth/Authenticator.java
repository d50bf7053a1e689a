package io.atta.server.auth;

import io.atta.core.auth.Role;
import io.atta.engine.access.Key;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Turns {@code Authorization: Bearer <key>} into a {@link Caller}. An API key
 * {@code atk_<key_id>_<secret>} is looked up on the shard of its id's slot (a user's own token
 * is the key whose id is the user id) and compared as a SHA-256 digest in constant time, so
 * that neither content nor length leaks. Nothing is cached: a key revoked or expired answers
 * 401 at once, on every node, because every request reads the key's shard linearizably.
 */
public final class Authenticator {
    private static final String scheme = "Bearer ";
    private final byte[] adminKeyHash;
    private final ServerLedger ledger;
    private final LongSupplier nowNanos;

    /** {@code nowNanos} is the node's clock (its test clock when it has one): keys expire by it. */
    public Authenticator(String adminKey, ServerLedger ledger, LongSupplier nowNanos) {
        this.adminKeyHash = UserTokens.sha256(adminKey);
        this.ledger = ledger;
        this.nowNanos = nowNanos;
    }

    /** The caller, or a future failed with 401. */
    public CompletableFuture<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.length() <= scheme.length()
                || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return CompletableFuture.failedFuture(ApiException.unauthorized());
        }
        String text = authorization.substring(scheme.length()).trim();
        byte[] hash = UserTokens.sha256(text);
        if (MessageDigest.isEqual(hash, adminKeyHash)) {
            return CompletableFuture.completedFuture(Caller.admin);
        }
        long keyId = UserTokens.keyIdOf(text);
        if (keyId <= 0) {
            return CompletableFuture.failedFuture(ApiException.unauthorized());
        }
        return ledger.read(keyId, l -> {
            Key key = l.keys().key(keyId);
            if (key == null || !MessageDigest.isEqual(UserTokens.hashOf(key), hash)
                    || !key.activeAt(nowNanos.getAsLong())) {
                return null;
            }
            // A merchant is a user with a shop: its own token acts as the merchant.
            boolean ownTokenOfMerchant = key.role() == Role.user && key.keyId() == key.ownerId()
                    && l.trades().merchant(key.ownerId()) != null;
            return new Caller(ownTokenOfMerchant ? Role.merchant : key.role(), key.ownerId(), key.keyId());
        }).thenApply(caller -> {
            if (caller == null) {
                throw ApiException.unauthorized();
            }
            return caller;
        });
    }
}
