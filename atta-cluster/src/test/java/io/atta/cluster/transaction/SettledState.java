package io.atta.cluster.transaction;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ShardLedger;

import java.util.Arrays;

/**
 * What must hold in {@link MultiShardModelTest} once every request is answered and the last
 * recovery has run: no shard coordinates or holds a prepared transaction, nothing is pending,
 * every shard balances, the in-transit accounts hold nothing pending and their positions cancel
 * out per currency, and every account is what the {@link ReferenceShards} says.
 */
final class SettledState {
    private SettledState() {
    }

    static void check(SimulatedShards sim, ReferenceShards model) {
        for (int s = 0; s < sim.shardCount(); s++) {
            ShardLedger l = sim.ledgers[s];
            check(l.activeTransactions().isEmpty(), "shard %d still coordinates %s", s, l.activeTransactions());
            check(l.preparedTransactions().isEmpty(), "shard %d still holds prepared %s", s, l.preparedTransactions());
            check(l.openPendingCount() == 0, "shard %d has %d open pending transfers", s, l.openPendingCount());
            int shard = s;
            l.totalsByLedger().forEach((ledger, t) -> check(t[0] == t[1] && t[2] == t[3],
                    "shard %d ledger %d does not balance: %s", shard, ledger, Arrays.toString(t)));
            long userAccounts = l.accounts().stream().filter(a -> a.ownerUserId() != 0).count();
            long modelAccounts = model.accounts.values().stream()
                    .filter(a -> a.owner != 0 && sim.routing.shardOf(a.id) == shard).count();
            check(userAccounts == modelAccounts, "shard %d has %d user accounts, the model %d", s, userAccounts,
                    modelAccounts);
        }
        for (Currency c : ReferenceShards.currencies) {
            long positions = 0;
            for (int s = 0; s < sim.shardCount(); s++) {
                AccountState it = sim.ledgers[s].account(model.inTransit(s, c));
                check(it.debitsPending() == 0 && it.creditsPending() == 0, "shard %d in-transit %s pending: %s", s, c,
                        it);
                positions += it.creditsPosted() - it.debitsPosted();
            }
            check(positions == 0, "in-transit positions in %s sum to %d", c, positions);
        }
        for (ReferenceShards.Account m : model.accounts.values()) {
            AccountState a = sim.ledgers[sim.routing.shardOf(m.id)].account(m.id);
            check(a != null, "account %d is missing", m.id);
            boolean closed = (a.flags() & AccountFlags.closed) != 0;
            check(a.debitsPending() == 0 && a.creditsPending() == 0 && a.debitsPosted() == m.debits
                    && a.creditsPosted() == m.credits && closed == m.closed,
                    "account %d is %s, the model says debits %d, credits %d, closed %s", m.id, a, m.debits, m.credits,
                    m.closed);
        }
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(format, args));
        }
    }
}
