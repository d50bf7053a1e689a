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
 * Drives transfers through the client: {@code clients} threads, each sending batches of
 * {@code batch} transfers between random pairs of accounts of one random shard (cross-shard
 * transfers are refused for now) and waiting for the reply before sending the next. It checks every
 * result and keeps the balance each account should have.
 */
final class TransferLoad {
    /** Largest amount of one transfer, in minor units. */
    static final long maxAmount = 10_000;

    record Outcome(long transfers, long requests, long existing, double seconds, LatencyHistogram latencies,
                   AtomicLongArray expectedBalances, long amountMoved) {
    }

    private final AttaClient client;
    private final BenchAccounts accounts;
    private final long transfers;
    private final int batch;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong existing = new AtomicLong();
    private final AtomicLong amountMoved = new AtomicLong();
    private final AtomicLongArray balances;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private TransferLoad(AttaClient client, BenchAccounts accounts, long transfers, int batch) {
        this.client = client;
        this.accounts = accounts;
        this.transfers = transfers;
        this.batch = batch;
        this.balances = new AtomicLongArray(accounts.size());
    }

    static Outcome run(AttaClient client, BenchAccounts accounts, long transfers, int batch, int clients, long seed,
                       PrintWriter err) throws InterruptedException {
        TransferLoad load = new TransferLoad(client, accounts, transfers, batch);
        LatencyHistogram[] latencies = new LatencyHistogram[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        try (Progress ignored = new Progress("transfers", "transfers", transfers, load.done, err)) {
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
        return new Outcome(load.done.get(), load.requests.get(), load.existing.get(), seconds, all, load.balances,
                load.amountMoved.get());
    }

    private void work(SplittableRandom random, LatencyHistogram latencies) {
        try {
            while (failure.get() == null) {
                long first = claimed.getAndAdd(batch);
                if (first >= transfers) {
                    return;
                }
                int n = (int) Math.min(batch, transfers - first);
                // Transfer ids are 1..transfers in claim order: unique, so no result is "exists"
                // unless the client repeated a request whose reply was lost.
                // One shard per batch, as a client that groups its work by shard would send it:
                // the server then writes the whole batch as one log entry, with one fsync.
                int[] shard = accounts.onShard(random.nextInt(accounts.shards()));
                List<NewTransfer> items = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    items.add(randomTransfer(first + 1 + k, shard, random));
                }
                long sent = System.nanoTime();
                BatchResults results = client.createTransfers(items);
                latencies.recordNanos(System.nanoTime() - sent);
                account(items, results);
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

    private NewTransfer randomTransfer(long id, int[] shard, SplittableRandom random) {
        int debit = random.nextInt(shard.length);
        int credit = random.nextInt(shard.length - 1);
        if (credit >= debit) {
            credit++;
        }
        long amount = 1 + random.nextLong(maxAmount);
        return NewTransfer.of(id, accounts.id(shard[debit]), accounts.id(shard[credit]), amount, BenchAccounts.currency);
    }

    /**
     * Checks each result and books the transfer into the expected balances. {@code exists}
     * means an earlier attempt of the same request was applied: booked once, like {@code ok}.
     */
    private void account(List<NewTransfer> items, BatchResults results) {
        long moved = 0;
        for (int k = 0; k < items.size(); k++) {
            NewTransfer t = items.get(k);
            Result r = results.result(k);
            if (results.id(k) != t.id() || (r != Result.ok && r != Result.exists)) {
                throw new BenchFailure("transfer " + t.id() + " answered " + results.id(k) + " " + r);
            }
            if (r == Result.exists) {
                existing.incrementAndGet();
            }
            balances.addAndGet(BenchAccounts.indexOf(t.debitAccountId()), -t.amount());
            balances.addAndGet(BenchAccounts.indexOf(t.creditAccountId()), t.amount());
            moved += t.amount();
        }
        amountMoved.addAndGet(moved);
    }
}
