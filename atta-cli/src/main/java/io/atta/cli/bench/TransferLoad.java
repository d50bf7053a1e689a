package io.atta.cli.bench;

import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.NewTransfer;
import io.atta.core.command.Result;

import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives transfers through the client: {@code clients} threads, each sending batches of
 * {@code batch} transfers built by the workload's {@link BatchSource} and waiting for the reply
 * before sending the next. It checks every result and books each acknowledged transfer into the
 * bench's books.
 */
final class TransferLoad {
    /** Largest amount of one transfer, in minor units. */
    static final long maxAmount = 10_000;

    /** How much to send and how: {@code phase} names the run in the progress lines. */
    record Plan(String phase, long transfers, int batch, int clients, long seed) {
    }

    record Outcome(long transfers, long requests, long existing, double seconds, LatencyHistogram latencies) {
    }

    /** Told of each batch the server acknowledged, after it is booked, on the client thread that sent it. */
    interface Acknowledgements {
        Acknowledgements none = (batch, firstId) -> { };

        /** {@code batch}'s transfers have ids {@code firstId}, {@code firstId + 1}, … */
        void acknowledged(BatchSource.Batch batch, long firstId);
    }

    private final AttaClient client;
    private final BatchSource source;
    private final BenchBooks books;
    private final long transfers;
    private final int batch;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong existing = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Acknowledgements acknowledgements;

    private TransferLoad(AttaClient client, BatchSource source, BenchBooks books, long transfers, int batch,
                         Acknowledgements acknowledgements) {
        this.client = client;
        this.source = source;
        this.books = books;
        this.transfers = transfers;
        this.batch = batch;
        this.acknowledgements = acknowledgements;
    }

    static Outcome run(AttaClient client, BatchSource source, BenchBooks books, Plan plan, PrintWriter err)
            throws InterruptedException {
        return run(client, source, books, plan, err, Acknowledgements.none);
    }

    /** As above, telling {@code acknowledgements} of every batch acknowledged. */
    static Outcome run(AttaClient client, BatchSource source, BenchBooks books, Plan plan, PrintWriter err,
                       Acknowledgements acknowledgements) throws InterruptedException {
        TransferLoad load = new TransferLoad(client, source, books, plan.transfers(), plan.batch(), acknowledgements);
        LatencyHistogram[] latencies = new LatencyHistogram[plan.clients()];
        Thread[] threads = new Thread[plan.clients()];
        long start = System.nanoTime();
        try (Progress ignored = new Progress(plan.phase(), "transfers", plan.transfers(), load.done, err)) {
            for (int i = 0; i < plan.clients(); i++) {
                LatencyHistogram h = latencies[i] = new LatencyHistogram();
                SplittableRandom random = new SplittableRandom(plan.seed() + i);
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
        return new Outcome(load.done.get(), load.requests.get(), load.existing.get(), seconds, all);
    }

    private void work(SplittableRandom random, LatencyHistogram latencies) {
        try {
            while (failure.get() == null) {
                long first = claimed.getAndAdd(batch);
                if (first >= transfers) {
                    return;
                }
                int n = (int) Math.min(batch, transfers - first);
                // Transfer ids are 1..transfers in claim order: unique on every shard (as a
                // transfer that spans shards needs), so no result is "exists" unless the client
                // repeated a request whose reply was lost.
                BatchSource.Batch items = source.next(first + 1, n, random);
                long sent = System.nanoTime();
                BatchResults results = client.createTransfers(items.transfers());
                latencies.recordNanos(System.nanoTime() - sent);
                check(items.transfers(), results);
                books.book(items);
                acknowledgements.acknowledged(items, first + 1);
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

    /**
     * Checks each result: {@code exists} means an earlier attempt of the same request was
     * applied, so the transfer is booked once, like {@code ok}; anything else fails the run.
     */
    private void check(List<NewTransfer> items, BatchResults results) {
        for (int k = 0; k < items.size(); k++) {
            NewTransfer t = items.get(k);
            Result r = results.result(k);
            if (results.id(k) != t.id() || (r != Result.ok && r != Result.exists)) {
                throw new BenchFailure("transfer " + t.id() + " answered " + results.id(k) + " " + r);
            }
            if (r == Result.exists) {
                existing.incrementAndGet();
            }
        }
    }
}
