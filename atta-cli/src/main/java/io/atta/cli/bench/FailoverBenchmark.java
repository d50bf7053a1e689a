package io.atta.cli.bench;

import io.atta.client.AttaClient;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code atta bench --workload failover}: the transfers load against a local cluster while
 * {@link LeaderKills} SIGKILLs shard 0's leader (and, between kills, starts it again). Then the
 * last killed node is started again, the balances are held to the books of every acknowledged
 * transfer (none may be lost or applied twice), and every replica of every shard must reach the
 * same applied index and state hash.
 */
final class FailoverBenchmark {
    /** Most kills one run makes. */
    static final int maxKills = 10;

    record Outcome(TransferLoad.Outcome load, List<LeaderKills.Kill> kills, long lostAcknowledged,
                   int verifiedAccounts, double convergedSeconds) {
        long maxFailoverMs() {
            return kills.stream().mapToLong(LeaderKills.Kill::failoverMs).max().orElse(0);
        }
    }

    private FailoverBenchmark() {
    }

    static Outcome run(BenchCluster cluster, AttaClient client, AccountsByShard accounts, TransferLoad.Plan plan,
                       int kills, PrintWriter err) throws InterruptedException {
        BenchBooks books = new BenchBooks(accounts.size(), 0);
        AcknowledgedLog log = new AcknowledgedLog();
        AtomicBoolean loadEnded = new AtomicBoolean();
        LeaderKills killer = new LeaderKills(cluster.local(), client, accounts, books, plan.transfers(), kills,
                log::transfers, loadEnded, err);
        AtomicReference<List<LeaderKills.Kill>> made = new AtomicReference<>();
        AtomicReference<Throwable> killFailure = new AtomicReference<>();
        Thread killing = new Thread(() -> {
            try {
                made.set(killer.run());
            } catch (Throwable t) {
                killFailure.set(t);
            }
        }, "bench-leader-kills");
        killing.setDaemon(true);
        killing.start();
        TransferLoad.Outcome load;
        try {
            load = TransferLoad.run(client, new SameShardTransfers(accounts), books, plan, err, log);
        } finally {
            loadEnded.set(true);
            killing.join();
        }
        if (killFailure.get() != null) {
            Throwable t = killFailure.get();
            throw t instanceof BenchFailure bf ? bf : new BenchFailure("killing the leader failed: " + t, t);
        }
        err.printf("[bench] %,d transfers in %.3f s: %,.0f/s, through %d kill%s%n", load.transfers(), load.seconds(),
                load.transfers() / load.seconds(), kills, kills == 1 ? "" : "s");
        List<LeaderKills.Kill> done = made.get();
        int last = done.get(done.size() - 1).node();
        long restarted = System.nanoTime();
        try {
            cluster.local().restart(last);
        } catch (java.io.IOException e) {
            throw new BenchFailure("starting node " + last + " again failed: " + e, e);
        }
        err.printf("[bench] node %d started again, healthy after %.1f s%n", last, (System.nanoTime() - restarted) / 1e9);
        long lost = lostAcknowledged(client, accounts, books, log, err);
        ReplicaConvergence.awaitSameState(cluster.local());
        double converged = (System.nanoTime() - restarted) / 1e9;
        err.printf("[bench] every replica of every shard at one applied index and state hash, %.1f s after the "
                + "restart%n", converged);
        return new Outcome(load, done, lost, accounts.size(), converged);
    }

    /**
     * Holds every account to the books of the acknowledged transfers; returns 0, or throws naming
     * how many acknowledged transfers the cluster does not have (or that some were applied twice).
     */
    private static long lostAcknowledged(AttaClient client, AccountsByShard accounts, BenchBooks books,
                                         AcknowledgedLog log, PrintWriter err) throws InterruptedException {
        AccountReadBack.Totals totals = AccountReadBack.read(client, "account", "", accounts, books, err);
        long moved = books.moved();
        boolean agrees = totals.mismatched().isEmpty() && totals.balances() == 0 && totals.debitsPosted() == moved
                && totals.creditsPosted() == moved;
        if (agrees) {
            err.printf("[bench] verified %,d accounts: every acknowledged transfer applied once, %,d minor units "
                    + "moved%n", totals.checked(), moved);
            return 0;
        }
        long lost = log.countMissing(client, new HashSet<>(totals.mismatched()), err);
        throw new BenchFailure("lost_acknowledged " + lost + ": " + totals.mismatches().size()
                + " accounts disagree with the books of acknowledged transfers (balances sum to " + totals.balances()
                + ", posted debits " + totals.debitsPosted() + " and credits " + totals.creditsPosted() + " for "
                + moved + " moved)" + (lost == 0 ? ", yet none is missing: applied twice?" : "") + "; e.g. "
                + totals.mismatches().subList(0, Math.min(AccountReadBack.maxQuotedMismatches,
                totals.mismatches().size())));
    }
}
