package io.atta.server.payments;

import io.atta.engine.ledger.User;
import io.atta.server.http.ApiException;
import io.atta.server.http.PerShard;
import io.atta.server.http.ServerLedger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users' wallet account ids, read from each user's shard and then kept: a user's wallet is made
 * with the user and never changes, so a cached id cannot go stale. Unknown users are not kept
 * (they may be created later). The cache holds at most about {@link #maxCachedWallets} entries;
 * past that an arbitrary entry makes room, which costs one shard read when it is needed again.
 */
public final class WalletDirectory {
    /** Wallet ids kept in memory (about 100 bytes each with the map's boxing). */
    static final int maxCachedWallets = 1 << 17;

    private final ServerLedger ledger;
    private final ConcurrentHashMap<Long, Long> wallets = new ConcurrentHashMap<>();

    public WalletDirectory(ServerLedger ledger) {
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

    /**
     * The wallet ids of several users, those not kept read once per shard (a batch's users);
     * the map holds only users that exist.
     */
    public CompletableFuture<Map<Long, Long>> walletsOf(Collection<Long> userIds) {
        Map<Long, Long> known = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (Long id : userIds) {
            Long cached = wallets.get(id);
            if (cached != null) {
                known.put(id, cached);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        return PerShard.read(ledger, missing, (l, id) -> {
            User u = l.user(id);
            return u == null ? null : u.walletAccountId();
        }).thenApply(read -> {
            read.forEach(this::remember);
            known.putAll(read);
            return known;
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
