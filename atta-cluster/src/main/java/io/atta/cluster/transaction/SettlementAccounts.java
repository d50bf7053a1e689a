package io.atta.cluster.transaction;

import io.atta.core.Currency;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.List;

/**
 * Which accounts of a shard a settlement sweep empties, and where each one's balance goes
 * (ARCHITECTURE §4). Today the shard's house accounts, each to its kind's global account;
 * merchants' receivables on buyers' shards, each to the merchant's home account, join later
 * through {@link #and}.
 */
@FunctionalInterface
public interface SettlementAccounts {
    /** An account of the swept shard and the account, on another shard, that its balance moves to. */
    record Route(long local, long home) {
    }

    /**
     * The routes of the shard whose ledger this is, in a stable order. Runs under the shard's
     * read lock, so it may look at the ledger but must not keep it.
     */
    List<Route> routes(ShardLedger shard);

    /** Every swept house kind in every currency: the shard's own account to the kind's global one. */
    static SettlementAccounts house() {
        return shard -> {
            List<Route> out = new ArrayList<>();
            for (HouseAccount kind : HouseAccount.values()) {
                if (!kind.swept()) {
                    continue;
                }
                for (Currency c : Currency.values()) {
                    out.add(new Route(kind.id(shard.homeSlot(), c), kind.globalId(c)));
                }
            }
            return out;
        };
    }

    /** These routes, then {@code more}'s. */
    default SettlementAccounts and(SettlementAccounts more) {
        return shard -> {
            List<Route> out = new ArrayList<>(routes(shard));
            out.addAll(more.routes(shard));
            return out;
        };
    }
}
