package io.atta.cluster.transaction;

import io.atta.core.Currency;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.List;

/**
 * Which accounts of a shard a settlement sweep empties, and where each one's balance goes
 * (docs/ARCHITECTURE.md §4): the shard's house accounts, each to its kind's global account, and
 * merchants' receivables on buyers' shards, each to the merchant's settlement account.
 */
@FunctionalInterface
public interface SettlementAccounts {
    /**
     * An account of the swept shard and the account, on another shard, that its balance moves to.
     *
     * @param homeMayRefuse true when the home account may lack the money to make good a debit
     *                      balance of the local one (a merchant's settlement account after a
     *                      refund): such a debt is collected in a transaction of its own, so that
     *                      its refusal holds up no other balance; it waits for the next interval
     *                      (or is offset by the merchant's next sales on the shard)
     */
    record Route(long local, long home, boolean homeMayRefuse) {
        public Route(long local, long home) {
            this(local, home, false);
        }
    }

    /**
     * The routes of the shard whose ledger this is, in a stable order. Runs under the shard's
     * read lock, so it may look at the ledger but must not keep it.
     */
    List<Route> routes(ShardLedger shard);

    /**
     * Every swept house kind in every currency: the shard's own account to the kind's global one.
     * None on the shard that holds the global accounts: its own house balances stay where they are.
     */
    static SettlementAccounts house() {
        return shard -> {
            List<Route> out = new ArrayList<>();
            if (shard.ownsSlot(HouseAccount.globalHomeSlot)) {
                return out;
            }
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

    /**
     * Merchants' receivables on the shard (escrow trades release into them), each to its
     * merchant's settlement account; a debit balance left by refunds is collected from it.
     */
    static SettlementAccounts merchantReceivables() {
        return shard -> {
            List<Route> out = new ArrayList<>();
            for (io.atta.engine.trade.TradeBook.Receivable r : shard.trades().receivables()) {
                out.add(new Route(r.accountId(), r.settlementAccountId(), true));
            }
            return out;
        };
    }

    /**
     * Each fund's income account on the shard (debited by the income the shard's holders earned),
     * made good from the fund manager's wallet (docs/FUND.md); a manager short of money is a debt
     * that waits for the next interval.
     */
    static SettlementAccounts fundIncome() {
        return shard -> {
            List<Route> out = new ArrayList<>();
            io.atta.engine.wealth.WealthModule wealth = shard.module(io.atta.engine.wealth.WealthModule.class);
            for (io.atta.engine.wealth.FundView f : wealth.funds()) {
                out.add(new Route(wealth.accounts(f.terms().code())[3], f.terms().managerWalletId(), true));
            }
            return out;
        };
    }

    /**
     * Each insurer's two accounts on the shard (docs/INSURANCE.md, "Money"): the premiums taken
     * here go to the insurer's wallet, and the claims paid here (less mutual-aid shares) are
     * collected from it; an insurer short of money is a debt that waits for the next interval.
     */
    static SettlementAccounts insurers() {
        return shard -> {
            List<Route> out = new ArrayList<>();
            io.atta.engine.insurance.InsuranceModule insurance =
                    shard.module(io.atta.engine.insurance.InsuranceModule.class);
            for (io.atta.engine.insurance.InsurerView i : insurance.insurers()) {
                out.add(new Route(i.premiumAccount(), i.terms().settlementWalletId()));
                out.add(new Route(i.claimsAccount(), i.terms().settlementWalletId(), true));
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
