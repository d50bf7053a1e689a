package io.atta.cli.bench;

import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.NewTransfer;
import io.atta.core.command.Result;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives wallet-to-wallet payments through {@code POST /v1/transfers}: {@code clients} threads,
 * each sending batches of {@code batch} transfers and waiting for the reply before the next.
 * A batch's payers are wallets of one random shard; each payee is, with probability
 * {@code crossShardPct}%, a wallet of another shard (a cross-shard transaction), else another
 * wallet of the payer's shard. Every result must be {@code ok} (the wallets hold enough for any
 * sequence of payments), and each payment is booked into the balances the wallets should have.
 */
final class P2pLoad {
    record Outcome(TransferLoad.Outcome totals, long crossShardTransfers) {
    }

    private final AttaClient client;
    private final BenchWallets wallets;
    private final long transfers;
    private final int batch;
    private final int crossShardPct;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong existing = new AtomicLong();
    private final AtomicLong crossShard = new AtomicLong();
    private final AtomicLong amountMoved = new AtomicLong();
    private final AtomicLongArray balances;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private P2pLoad(AttaClient client, BenchWallets wallets, long transfers, int batch, int crossShardPct) {
        this.client = client;
        this.wallets = wallets;
        this.transfers = transfers;
        this.batch = batch;
        this.crossShardPct = crossShardPct;
        this.balances = new AtomicLongArray(wallets.size());
        for (int i = 0; i < wallets.size(); i++) {
            balances.set(i, wallets.initialBalance());
        }
    }

    static Outcome run(AttaClient client, BenchWallets wallets, long transfers, int batch, int clients,
                       int crossShardPct, long seed, PrintWriter err) throws InterruptedException {
        P2pLoad load = new P2pLoad(client, wallets, transfers, batch, crossShardPct);
        LatencyHistogram[] latencies = new LatencyHistogram[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        try (Progress ignored = new Progress("p2p", "transfers", transfers, load.done, err)) {
            for (int i = 0; i < clients; i++) {
                LatencyHistogram h = latencies[i] = new LatencyHistogram();
                SplittableRandom random = new SplittableRandom(seed + i);
                threads[i] = new Thread(() -> load.work(random, h), "bench-client-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (load.failure.get() != null) {
            Throwable f = load.failure.get();
            throw f instanceof BenchFailure bf ? bf : new BenchFailure("a transfer request failed: " + f, f);
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : latencies) {
            all.add(h);
        }
        return new Outcome(new TransferLoad.Outcome(load.done.get(), load.requests.get(), load.existing.get(),
                seconds, all, load.balances, load.amountMoved.get()), load.crossShard.get());
    }

    private void work(SplittableRandom random, LatencyHistogram latencies) {
        try {
            while (failure.get() == null) {
                long first = claimed.getAndAdd(batch);
                if (first >= transfers) {
                    return;
                }
                int n = (int) Math.min(batch, transfers - first);
                // Transfer ids are 1..transfers in claim order: unique on every shard, as a
                // transfer that spans shards needs.
                int payerShard = random.nextInt(wallets.shards());
                List<NewTransfer> items = new ArrayList<>(n);
                int[] payers = new int[n];
                int[] payees = new int[n];
                for (int k = 0; k < n; k++) {
                    items.add(payment(first + 1 + k, payerShard, random, payers, payees, k));
                }
                long sent = System.nanoTime();
                BatchResults results = client.createTransfers(items);
                latencies.recordNanos(System.nanoTime() - sent);
                account(items, payers, payees, results);
                requests.incrementAndGet();
                done.addAndGet(n);
            }
        } catch (AttaClientException | BenchFailure e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw e;
        }
    }

    private NewTransfer payment(long id, int payerShard, SplittableRandom random, int[] payers, int[] payees, int k) {
        int[] here = wallets.onShard(payerShard);
        int payerAt = random.nextInt(here.length);
        int payee;
        if (random.nextInt(100) < crossShardPct) {
            int shard = random.nextInt(wallets.shards() - 1);
            int[] there = wallets.onShard(shard >= payerShard ? shard + 1 : shard);
            payee = there[random.nextInt(there.length)];
        } else {
            int at = random.nextInt(here.length - 1);
            payee = here[at >= payerAt ? at + 1 : at];
        }
        payers[k] = here[payerAt];
        payees[k] = payee;
        long amount = 1 + random.nextLong(TransferLoad.maxAmount);
        return NewTransfer.of(id, wallets.wallet(payers[k]), wallets.wallet(payees[k]), amount, BenchWallets.currency);
    }

    /**
     * Checks each result and books the payment. {@code exists} means an earlier attempt of the
     * same request was applied: booked once, like {@code ok}.
     */
    private void account(List<NewTransfer> items, int[] payers, int[] payees, BatchResults results) {
        long moved = 0;
        long across = 0;
        for (int k = 0; k < items.size(); k++) {
            NewTransfer t = items.get(k);
            Result r = results.result(k);
            if (results.id(k) != t.id() || (r != Result.ok && r != Result.exists)) {
                throw new BenchFailure("transfer " + t.id() + " answered " + results.id(k) + " " + r);
            }
            if (r == Result.exists) {
                existing.incrementAndGet();
            }
            balances.addAndGet(payers[k], -t.amount());
            balances.addAndGet(payees[k], t.amount());
            moved += t.amount();
            if (wallets.shardOf(payers[k]) != wallets.shardOf(payees[k])) {
                across++;
            }
        }
        amountMoved.addAndGet(moved);
        crossShard.addAndGet(across);
    }
}
