package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What apply must never break, checked after every batch, TigerBeetle style: a broken invariant is
 * a bug in the engine, and the process stops (AssertionError) instead of acknowledging a state that
 * is wrong. Not business outcomes: those are {@code Result}s.
 *
 * <p>The checks run where Java assertions are enabled and cost nothing where they are not: every
 * call is {@code assert invariants.x(...)}. Surefire and failsafe enable assertions by default, so
 * every test checks them; benchmarks and production run without {@code -ea}; an operator may start
 * a node with {@code java -ea:io.atta.engine... -jar atta.jar} to check a suspect log. (The
 * cluster's {@code io.atta.cluster.Invariants} is another thing: an audit across shards, on request.)
 *
 * <ul>
 *   <li>Money is conserved: in each ledger (currency), summed over every account of the shard,
 *       debits posted equal credits posted and debits pending equal credits pending. The sums are
 *       kept as running totals, moved by the accounts a batch touched, so a batch costs
 *       O(accounts touched); the first batch (and the first after a snapshot is restored) sums
 *       every account once.</li>
 *   <li>Balance limits hold for every account a batch touched: no balance negative; with
 *       {@code debits_must_not_exceed_credits}, debits pending + posted ≤ credits posted; with
 *       {@code credits_must_not_exceed_debits}, credits pending + posted ≤ debits posted.</li>
 *   <li>A withdrawal's status follows its money: see {@code io.atta.engine.channel.ChannelModule}.</li>
 *   <li>Trade and refund status changes are legal: see {@code io.atta.engine.trade.TradeInvariants}.</li>
 * </ul>
 */
final class Invariants {
    private final LedgerModule ledger;
    /** Each account's balances as the totals last counted them: debits pending, posted, credits pending, posted. */
    private final Long2ObjectHashMap<long[]> counted = new Long2ObjectHashMap<>();
    /** Per ledger, the sums of {@link #counted}, wrapping (equal sums stay equal under the wrap). */
    private final Map<Integer, long[]> totals = new HashMap<>();
    private final LongHashSet touched = new LongHashSet();
    private boolean baselined;

    Invariants(LedgerModule ledger) {
        this.ledger = ledger;
    }

    /**
     * After a batch applied, before its writes are stored: {@code writes} are the transfers it
     * wrote, which name every account whose balances it changed. Returns true (call it as
     * {@code assert}); a broken invariant throws AssertionError.
     */
    boolean batchApplied(List<TransferRecord> writes) {
        if (!baselined) {
            countEveryAccount();
        }
        touched.clear();
        for (int i = 0; i < writes.size(); i++) {
            TransferRecord r = writes.get(i);
            recount(r.debitAccountId());
            recount(r.creditAccountId());
        }
        for (Map.Entry<Integer, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            check(t[1] == t[3], "ledger " + e.getKey() + ": debits posted " + t[1] + " != credits posted " + t[3]);
            check(t[0] == t[2], "ledger " + e.getKey() + ": debits pending " + t[0] + " != credits pending " + t[2]);
        }
        return true;
    }

    /** After a snapshot replaced the accounts: the next batch counts every account again. Returns true. */
    boolean restored() {
        baselined = false;
        return true;
    }

    private void countEveryAccount() {
        counted.clear();
        totals.clear();
        for (Account a : ledger.accounts.values()) {
            move(a);
            withinLimits(a);
        }
        baselined = true;
    }

    /** Moves the totals by what changed in the account since it was last counted, and checks its limits. */
    private void recount(long accountId) {
        if (accountId == 0 || !touched.add(accountId)) {
            return;
        }
        Account a = ledger.accounts.get(accountId);
        if (a != null) {
            move(a);
            withinLimits(a);
        }
    }

    private void move(Account a) {
        long[] c = counted.get(a.id);
        if (c == null) {
            c = new long[4];
            counted.put(a.id, c);
        }
        long[] t = totals.computeIfAbsent(a.ledger, k -> new long[4]);
        t[0] += a.debitsPending - c[0];
        t[1] += a.debitsPosted - c[1];
        t[2] += a.creditsPending - c[2];
        t[3] += a.creditsPosted - c[3];
        c[0] = a.debitsPending;
        c[1] = a.debitsPosted;
        c[2] = a.creditsPending;
        c[3] = a.creditsPosted;
    }

    private static void withinLimits(Account a) {
        check(a.debitsPending >= 0 && a.debitsPosted >= 0 && a.creditsPending >= 0 && a.creditsPosted >= 0,
                "account " + a.id + " has a negative balance " + a.state());
        if ((a.flags & AccountFlags.debitsMustNotExceedCredits) != 0) {
            check(a.debitsPosted <= a.creditsPosted && a.debitsPending <= a.creditsPosted - a.debitsPosted,
                    "account " + a.id + " owes more than it holds (debits_must_not_exceed_credits) " + a.state());
        }
        if ((a.flags & AccountFlags.creditsMustNotExceedDebits) != 0) {
            check(a.creditsPosted <= a.debitsPosted && a.creditsPending <= a.debitsPosted - a.creditsPosted,
                    "account " + a.id + " is credited beyond its debits (credits_must_not_exceed_debits) " + a.state());
        }
    }

    static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError("invariant broken: " + what);
        }
    }
}
