package io.atta.server.merchants;

import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.trade.Merchant;
import io.atta.server.cache.BoundedCache;
import io.atta.server.http.PerShard;
import io.atta.server.http.ServerLedger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Merchants' records, read from each merchant's shard and then kept: a merchant never changes
 * once made (nor its settlement account's currency), so a kept one cannot go stale. Ids that
 * are no merchant are not kept (one may be made later).
 */
public final class MerchantDirectory {
    /** Merchants kept in memory (a few hundred bytes each). */
    static final int maxCachedMerchants = 1 << 16;

    /** A merchant and the currency of its settlement account, which its trades must be in. */
    public record KnownMerchant(Merchant record, Currency currency) {
        public long merchantId() {
            return record.merchantId();
        }

        /** True when the merchant wants notifications of its trades. */
        public boolean notifies() {
            return !record.webhookUrl().isEmpty();
        }
    }

    private final ServerLedger ledger;
    private final BoundedCache<KnownMerchant> merchants = new BoundedCache<>(maxCachedMerchants);

    public MerchantDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The merchant, or null when {@code merchantId} is none. */
    public CompletableFuture<KnownMerchant> merchant(long merchantId) {
        KnownMerchant kept = merchants.get(merchantId);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return ledger.read(merchantId, l -> read(l, merchantId)).thenApply(m -> {
            if (m != null) {
                merchants.put(merchantId, m);
            }
            return m;
        });
    }

    /** Several merchants, those not kept read once per shard; the map holds the ids that are merchants. */
    public CompletableFuture<Map<Long, KnownMerchant>> merchants(Collection<Long> merchantIds) {
        Map<Long, KnownMerchant> known = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (Long id : merchantIds) {
            KnownMerchant kept = merchants.get(id);
            if (kept != null) {
                known.put(id, kept);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        return PerShard.read(ledger, missing, MerchantDirectory::read).thenApply(read -> {
            read.forEach(merchants::put);
            known.putAll(read);
            return known;
        });
    }

    static KnownMerchant read(ShardLedger l, long merchantId) {
        Merchant m = l.trades().merchant(merchantId);
        if (m == null) {
            return null;
        }
        AccountState settlement = l.account(m.settlementAccountId());
        if (settlement == null) {
            throw new IllegalStateException("merchant " + merchantId + " names settlement account "
                    + m.settlementAccountId() + ", which its shard lacks");
        }
        return new KnownMerchant(m, Currency.ofLedger(settlement.ledger()));
    }
}
