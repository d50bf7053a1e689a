package io.atta.server.payments;

import io.atta.engine.ledger.User;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users' wallet account ids, read from each user's shard and then kept: a user's wallet is made
 * with the user and never changes, so a cached id cannot go stale. Unknown users are not kept
 * (they may be created later). The cache holds at most about {@link #maxCachedWallets} entries;
 * past that an arbitrary entry makes room, which costs one shard read when it is needed again.
 */
final class WalletDirectory {
    /** Wallet ids kept in memory (about 100 bytes each with the map's boxing). */
    static final int maxCachedWallets = 1 << 17;

    private final ServerLedger ledger;
    private final ConcurrentHashMap<Long, Long> wallets = new ConcurrentHashMap<>();

    WalletDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The user's wallet id, or a future failed with 404 naming {@code field} when there is no such user. */
    CompletableFuture<Long> walletOf(long userId, String field) {
        Long cached = wallets.get(userId);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return ledger.read(userId, l -> {
            User u = l.user(userId);
            return u == null ? null : u.walletAccountId();
        }).thenApply(wallet -> {
            if (wallet == null) {
                throw new ApiException(404, "not_found", "no user " + userId + " (" + field + ")", field);
            }
            remember(userId, wallet);
            return wallet;
        });
    }

    private void remember(long userId, long wallet) {
        if (wallets.size() >= maxCachedWallets) {
            Iterator<Long> any = wallets.keySet().iterator();
            if (any.hasNext()) {
                wallets.remove(any.next());
            }
        }
        wallets.put(userId, wallet);
    }
}
