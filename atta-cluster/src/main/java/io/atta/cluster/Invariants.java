package io.atta.cluster;

import io.atta.cluster.InvariantsReport.CurrencyReport;
import io.atta.cluster.InvariantsReport.InTransit;
import io.atta.cluster.InvariantsReport.ShardSums;
import io.atta.cluster.InvariantsReport.Sums;
import io.atta.cluster.InvariantsReport.Unfinished;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.PreparedTransaction;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Checks the invariants of the whole cluster (docs/ARCHITECTURE.md §5) by reading every shard: in each
 * shard and currency debits equal credits, posted and pending; an in-transit account holds
 * pending amounts only while its shard has a transaction unfinished; and once no transaction
 * is unfinished anywhere, the in-transit positions sum to zero. Behind {@code GET
 * /v1/admin/invariants} and {@code atta verify}.
 *
 * <p>Each shard is read at once, under its lock, but the shards one after another. The
 * per-shard rules hold at any moment; the sum of positions only at one moment across all
 * shards, so the shards are read again after, and the cut is taken as consistent only when no
 * shard applied anything in between (tried {@link #maxCutAttempts} times).
 */
public final class Invariants {
    /** An unfinished transaction older than this is marked stale. */
    public static final long staleAfterMs = 60_000;
    /** How many times the shards are read for a consistent cut before the last read is reported. */
    public static final int maxCutAttempts = 5;

    /** One shard as read at one moment. */
    private record ShardView(int shard, long lastTimestamp, Map<Integer, long[]> totals, AccountState[] inTransit,
                             List<ActiveTransaction> active, List<PreparedTransaction> prepared,
                             AccountState[] escrow, Map<Integer, Long> held) {
        boolean busy() {
            return !active.isEmpty() || !prepared.isEmpty();
        }
    }

    private Invariants() {
    }

    /** Reads every shard of {@code service} and reports; ages are counted up to {@code nowNanos}. */
    public static CompletableFuture<InvariantsReport> check(LedgerService service, long nowNanos) {
        return attempt(service, nowNanos, 1);
    }

    private static CompletableFuture<InvariantsReport> attempt(LedgerService service, long nowNanos, int attempt) {
        return readAll(service, Invariants::view).thenCompose(views -> readAll(service, (s, l) -> l.lastTimestamp())
                .thenCompose(after -> {
                    boolean consistent = true;
                    for (int s = 0; s < views.size(); s++) {
                        consistent &= views.get(s).lastTimestamp() == after.get(s);
                    }
                    if (!consistent && attempt < maxCutAttempts) {
                        return attempt(service, nowNanos, attempt + 1);
                    }
                    return CompletableFuture.completedFuture(report(views, consistent, nowNanos));
                }));
    }

    private interface ShardReader<T> {
        T read(int shard, ShardLedger ledger);
    }

    private static <T> CompletableFuture<List<T>> readAll(LedgerService service, ShardReader<T> reader) {
        List<CompletableFuture<T>> reads = new ArrayList<>();
        for (int s = 0; s < service.shardCount(); s++) {
            int shard = s;
            reads.add(service.read(s, l -> reader.read(shard, l)));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> reads.stream().map(CompletableFuture::join).toList());
    }

    private static ShardView view(int shard, ShardLedger l) {
        Currency[] currencies = Currency.values();
        AccountState[] inTransit = new AccountState[currencies.length];
        AccountState[] escrow = new AccountState[currencies.length];
        for (Currency c : currencies) {
            inTransit[c.ordinal()] = l.account(HouseAccount.inTransit.id(l.homeSlot(), c));
            escrow[c.ordinal()] = l.account(HouseAccount.escrow.id(l.homeSlot(), c));
        }
        return new ShardView(shard, l.lastTimestamp(), l.totalsByLedger(), inTransit, l.activeTransactions(),
                l.preparedTransactions(), escrow, l.trades().heldByLedger());
    }

    private static InvariantsReport report(List<ShardView> views, boolean consistent, long nowNanos) {
        List<String> violations = new ArrayList<>();
        boolean anyUnfinished = views.stream().anyMatch(ShardView::busy);
        List<CurrencyReport> currencies = new ArrayList<>();
        for (Currency c : Currency.values()) {
            currencies.add(currency(c, views, consistent && !anyUnfinished, violations));
        }
        List<Unfinished> unfinished = new ArrayList<>();
        for (ShardView v : views) {
            for (ActiveTransaction t : v.active()) {
                unfinished.add(unfinished(v.shard(), t.txId(), "coordinator", t.state().name(), v.shard(),
                        t.beganAt(), nowNanos));
            }
            for (PreparedTransaction p : v.prepared()) {
                unfinished.add(unfinished(v.shard(), p.txId(), "participant", "prepared", p.coordinator(),
                        p.preparedAt(), nowNanos));
            }
        }
        return new InvariantsReport(nowNanos, consistent, currencies, unfinished, violations);
    }

    private static CurrencyReport currency(Currency c, List<ShardView> views, boolean checkPositions,
                                           List<String> violations) {
        List<ShardSums> shards = new ArrayList<>();
        List<InTransit> inTransit = new ArrayList<>();
        Sums total = Sums.zero;
        long positionSum = 0;
        for (ShardView v : views) {
            long[] t = v.totals().getOrDefault(c.ledger(), new long[4]);
            Sums sums = new Sums(t[0], t[1], t[2], t[3]);
            if (!sums.balanced()) {
                violations.add("shard " + v.shard() + " " + c + ": " + imbalance(sums, c));
            }
            shards.add(new ShardSums(v.shard(), sums));
            total = total.plus(sums);
            escrow(v, c, violations);
            AccountState a = v.inTransit()[c.ordinal()];
            if (a == null) {
                violations.add("shard " + v.shard() + " " + c + ": the in-transit house account is missing");
                continue;
            }
            long position = a.creditsPosted() - a.debitsPosted();
            inTransit.add(new InTransit(v.shard(), a.id(), a.debitsPending(), a.creditsPending(), position));
            positionSum += position;
            if ((a.debitsPending() != 0 || a.creditsPending() != 0) && !v.busy()) {
                violations.add("shard " + v.shard() + " " + c + ": the in-transit account holds "
                        + Amounts.format(a.debitsPending(), c) + " debits and " + Amounts.format(a.creditsPending(), c)
                        + " credits pending with no unfinished transaction");
            }
        }
        if (!total.balanced()) {
            violations.add(c + " across all shards: " + imbalance(total, c));
        }
        if (checkPositions && positionSum != 0) {
            violations.add(c + ": the in-transit positions sum to " + Amounts.format(positionSum, c)
                    + ", not 0, with no unfinished transaction");
        }
        return new CurrencyReport(c, shards, total, inTransit, positionSum);
    }

    /** The escrow account of a shard holds exactly the trades' open holds, pending, and nothing else pending. */
    private static void escrow(ShardView v, Currency c, List<String> violations) {
        AccountState e = v.escrow()[c.ordinal()];
        long held = v.held().getOrDefault(c.ledger(), 0L);
        if (e == null) {
            violations.add("shard " + v.shard() + " " + c + ": the escrow house account is missing");
        } else if (e.creditsPending() != held || e.debitsPending() != 0) {
            violations.add("shard " + v.shard() + " " + c + ": the escrow account holds "
                    + Amounts.format(e.creditsPending(), c) + " credits and " + Amounts.format(e.debitsPending(), c)
                    + " debits pending, but the open trades hold " + Amounts.format(held, c));
        }
    }

    private static String imbalance(Sums s, Currency c) {
        return "debits posted " + Amounts.format(s.debitsPosted(), c)
                + (s.debitsPosted() == s.creditsPosted() ? " = " : " != ") + "credits posted "
                + Amounts.format(s.creditsPosted(), c) + ", debits pending " + Amounts.format(s.debitsPending(), c)
                + (s.debitsPending() == s.creditsPending() ? " = " : " != ") + "credits pending "
                + Amounts.format(s.creditsPending(), c);
    }

    private static Unfinished unfinished(int shard, long txId, String role, String state, int coordinator,
                                         long sinceNanos, long nowNanos) {
        long ageMs = Math.max(0, nowNanos - sinceNanos) / 1_000_000;
        return new Unfinished(shard, txId, role, state, coordinator, ageMs, ageMs > staleAfterMs);
    }
}
