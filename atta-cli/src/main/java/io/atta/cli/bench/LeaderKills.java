package io.atta.cli.bench;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.LocalCluster;
import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.NewTransfer;
import io.atta.core.command.Result;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The failover workload's killer, on a thread of its own beside the load: {@code kills} times,
 * once the load has acknowledged its share of the transfers ({@code k/(kills+1)} of them before
 * kill {@code k}), SIGKILLs the node leading shard 0 and measures how long until shard 0
 * acknowledges a write again. The write is a probe of one transfer between two shard-0 accounts,
 * sent right after the kill through the bench's client (which finds the dead leader, asks for
 * the routing again and tries another node) and repeated with the same id until it is
 * acknowledged, so the time is what a client of the cluster sees. A killed node is started again,
 * and its log awaited, before the next kill; the last one is left down for the caller.
 */
final class LeaderKills {
    /** Longest wait for shard 0 to take a write after a kill. */
    static final long failoverTimeoutMs = 60_000;
    /** Longest wait for shard 0 to have a leader to kill. */
    static final long leaderWaitMs = 30_000;
    static final long pollIntervalMs = 20;
    static final int probedShard = 0;

    /** What was killed and how long shard 0 took no writes after each kill. */
    record Kill(int node, long failoverMs) {
    }

    private final LocalCluster cluster;
    private final AttaClient client;
    private final AccountsByShard accounts;
    private final BenchBooks books;
    private final long loadTransfers;
    private final int kills;
    private final LongSupplier acknowledged;
    private final AtomicBoolean loadEnded;
    private final PrintWriter err;
    private final List<Kill> done = new ArrayList<>();

    /**
     * @param acknowledged transfers the load has had acknowledged so far
     * @param loadEnded    set once the load stopped, for good or not
     */
    LeaderKills(LocalCluster cluster, AttaClient client, AccountsByShard accounts, BenchBooks books,
                long loadTransfers, int kills, LongSupplier acknowledged, AtomicBoolean loadEnded, PrintWriter err) {
        this.cluster = cluster;
        this.client = client;
        this.accounts = accounts;
        this.books = books;
        this.loadTransfers = loadTransfers;
        this.kills = kills;
        this.acknowledged = acknowledged;
        this.loadEnded = loadEnded;
        this.err = err;
    }

    /** Makes every kill; returns them in order. The last killed node is down when this returns. */
    List<Kill> run() throws IOException, InterruptedException {
        for (int k = 1; k <= kills; k++) {
            long due = loadTransfers * k / (kills + 1);
            while (acknowledged.getAsLong() < due && !loadEnded.get()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
            }
            // A kill must meet the load: after an idle kill the figure would not be a failover
            // under load. A restart and catch-up between kills can outlast a short load.
            if (loadEnded.get() || acknowledged.getAsLong() >= loadTransfers) {
                throw new BenchFailure("the load ended before kill " + k + " of " + kills + " (" + acknowledged.getAsLong()
                        + " of " + loadTransfers + " transfers acknowledged); give more --transfers, since each "
                        + "killed node is started again and caught up before the next kill");
            }
            int leader = awaitLeader();
            err.printf("[bench] kill %d of %d: SIGKILL node %d (pid %d), leader of shard %d, after %,d transfers%n",
                    k, kills, leader, cluster.pid(leader), probedShard, acknowledged.getAsLong());
            err.flush();
            long killedAt = System.nanoTime();
            cluster.kill(leader);
            long ms = probe(k, killedAt);
            done.add(new Kill(leader, ms));
            err.printf("[bench] kill %d: shard %d acknowledged a write again %d ms after the kill; node %d leads it "
                    + "now%n", k, probedShard, ms, cluster.leaderOf(probedShard));
            err.flush();
            if (k < kills) {
                restartUnderLoad(leader);
            }
        }
        return List.copyOf(done);
    }

    /**
     * Starts a killed node again while the load runs and waits until it is healthy and its log
     * has caught up (see {@link ReplicaConvergence}), so that the next kill leaves a majority.
     */
    private void restartUnderLoad(int node) throws IOException, InterruptedException {
        long began = System.nanoTime();
        cluster.restart(node);
        List<Long> toApply = ReplicaConvergence.awaitLogCaughtUp(cluster, node);
        err.printf("[bench] node %d started again; its log caught up in %.1f s (entries still to apply, by shard: "
                + "%s)%n", node, (System.nanoTime() - began) / 1e9, toApply);
        err.flush();
    }

    private int awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaderWaitMs);
        while (true) {
            int leader = cluster.leaderOf(probedShard);
            if (leader != ClusterView.noLeader) {
                return leader;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("shard " + probedShard + " had no leader to kill for " + leaderWaitMs
                        + " ms (leaderWaitMs)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
    }

    /**
     * Sends probe {@code k} until it is acknowledged; returns the milliseconds from
     * {@code killedAt}. Probe ids follow the load's ({@code loadTransfers + k}), so they are
     * unique, and the same id each time makes a repeat harmless.
     */
    private long probe(int k, long killedAt) {
        int[] shard = accounts.onShard(probedShard);
        int debit = shard[0];
        int credit = shard[1];
        long from = accounts.id(debit);
        NewTransfer t = NewTransfer.of(NewTransfer.idFor(from, loadTransfers + k), from, accounts.id(credit), 1,
                BenchAccounts.currency);
        BatchSource.Batch batch = new BatchSource.Batch(List.of(t), new int[] {debit}, new int[] {credit});
        long deadline = killedAt + TimeUnit.MILLISECONDS.toNanos(failoverTimeoutMs);
        while (true) {
            try {
                BatchResults r = client.createTransfers(batch.transfers());
                long ackedAt = System.nanoTime();
                if (r.result(0) != Result.ok && r.result(0) != Result.exists) {
                    throw new BenchFailure("probe transfer " + t.id() + " answered " + r.result(0));
                }
                books.book(batch);
                return TimeUnit.NANOSECONDS.toMillis(ackedAt - killedAt);
            } catch (AttaClientException e) {
                // The client's retries ran out while the group elected; the same transfer again.
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure("shard " + probedShard + " took no write within " + failoverTimeoutMs
                            + " ms of the kill (failoverTimeoutMs): " + e.getMessage(), e);
                }
            }
        }
    }
}
