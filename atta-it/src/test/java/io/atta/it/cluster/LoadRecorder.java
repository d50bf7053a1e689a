package io.atta.it.cluster;

import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.NewTransfer;
import io.atta.client.P2pPayment;
import io.atta.client.RetryPolicy;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Result;
import io.atta.it.cluster.Wallets.Wallet;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent client load on a cluster that records what it acknowledged. Each loader thread
 * sends wallet-to-wallet payments, on one shard or across two, as small batches through
 * {@code POST /v1/transfers} or one at a time through {@code POST /v1/payments/p2p}, starting at
 * a node of its own. When the outcome of a request is unknown (connection refused or lost,
 * timeout, 5xx, 429) the same request, with the same ids, goes to the next node, until one
 * answers; nothing is abandoned, so every payment sent is acknowledged or the test fails.
 */
final class LoadRecorder implements AutoCloseable {
    /** A payment the cluster acknowledged, with the transfer id it has (derived by the server for P2P). */
    record Acked(long transferId, Wallet from, Wallet to, long amount, boolean viaP2p) {
        boolean crossShard() {
            return from.shard() != to.shard();
        }
    }

    static final int maxBatchTransfers = 4;
    static final long maxAmountMinor = 1_000;
    static final int crossShardPercent = 50;
    static final int p2pPercent = 30;
    /**
     * Pause after each answered request. Three nodes, the loaders and Maven share two cores: an
     * unpaced load starves the nodes, and a node restarting under it takes tens of seconds to
     * start its JVM. The pause also bounds how many payments the audit reads back.
     */
    static final long pacingMs = 50;
    /** Requests per loader at most: a bound on the run whatever its length. */
    static final int maxRequestsPerLoader = 10_000;
    /** A request no node has answered within this fails the test. */
    static final long answerBoundMs = 60_000;
    static final long retryPauseMs = 50;
    static final long requestTimeoutMs = 15_000;
    /** First transfer id of loader {@code l} is {@code (l + 1) << idShift}; other ids the tests choose lie above. */
    static final int idShift = 40;

    private final AtomicReference<List<URI>> targets;
    private final String apiKey;
    private final List<Wallet> wallets;
    private final int loaders;
    private final long seed;
    private final Map<URI, AttaClient> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final AtomicLong ackedCount = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    /** The request that waited longest for an answer, and what its attempts met; guarded by this. */
    private long longestWaitMs;
    private String longestWait = "none";
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    LoadRecorder(List<URI> targets, String apiKey, List<Wallet> wallets, int loaders, long seed) {
        this.targets = new AtomicReference<>(List.copyOf(targets));
        this.apiKey = apiKey;
        this.wallets = wallets;
        this.loaders = loaders;
        this.seed = seed;
    }

    void start() {
        loading.set(true);
        for (int l = 0; l < loaders; l++) {
            Thread t = new Thread(new Loader(l), "cluster-loader-" + l);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** The nodes requests go to from now on (after a node joined or left the cluster). */
    void retarget(List<URI> nodes) {
        targets.set(List.copyOf(nodes));
    }

    long ackedCount() {
        return ackedCount.get();
    }

    /** What the load did: payments acknowledged, requests sent again, and the request that waited longest. */
    synchronized String summary() {
        long across = acked.stream().filter(Acked::crossShard).count();
        long viaP2p = acked.stream().filter(Acked::viaP2p).count();
        return String.format("load: %d payments acknowledged (%d across shards, %d via P2P), %d requests sent again; "
                        + "the longest wait for an answer was %d ms (%s)", ackedCount.get(), across, viaP2p,
                retries.get(), longestWaitMs, longestWait);
    }

    /** Waits until {@code more} payments beyond those acknowledged now are; fails after {@code boundMs}. */
    void awaitMore(long more, long boundMs, String when) {
        long target = ackedCount.get() + more;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (ackedCount.get() < target && failures.isEmpty() && System.nanoTime() < deadline
                && threads.stream().anyMatch(Thread::isAlive)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertNoFailures(when);
        assertThat(threads.stream().anyMatch(Thread::isAlive)).as("loaders still running %s (each sends at most %d "
                + "requests)", when, maxRequestsPerLoader).isTrue();
        assertThat(ackedCount.get()).as("load acknowledged %d more payments %s within %d ms (seed %d)", more, when,
                boundMs, seed).isGreaterThanOrEqualTo(target);
    }

    /** Stops the load once every request in flight is answered; returns every acknowledged payment. */
    List<Acked> stop() throws InterruptedException {
        loading.set(false);
        for (Thread t : threads) {
            t.join(answerBoundMs + TimeUnit.SECONDS.toMillis(10));
            assertThat(t.isAlive()).as("%s finished its last request (seed %d)", t.getName(), seed).isFalse();
        }
        assertNoFailures("when the load stopped");
        return List.copyOf(acked);
    }

    void assertNoFailures(String when) {
        assertThat(failures).as("loader failures %s (seed %d)", when, seed).isEmpty();
    }

    @Override
    public void close() {
        loading.set(false);
        clients.values().forEach(AttaClient::close);
    }

    private AttaClient client(URI node) {
        return clients.computeIfAbsent(node, n -> AttaClient.create(ClientOptions.of(n, apiKey)
                .withRetry(RetryPolicy.none()).withMaxConnections(4).withRequestTimeoutMs(requestTimeoutMs)));
    }

    /** One loader: its own random choices, id range and first node. */
    private final class Loader implements Runnable {
        private final int loader;
        private final SplittableRandom random;
        private long nextTransferId;
        private int node;
        /** What the attempts of the request in hand met, for the report of the slowest. */
        private final StringBuilder attempts = new StringBuilder();

        Loader(int loader) {
            this.loader = loader;
            this.random = new SplittableRandom(seed * 31 + loader);
            this.nextTransferId = (loader + 1L) << idShift;
            this.node = loader;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; n < maxRequestsPerLoader && loading.get(); n++) {
                    if (random.nextInt(100) < p2pPercent) {
                        p2p("p2p-" + loader + "-" + n);
                    } else {
                        transfers(1 + random.nextInt(maxBatchTransfers));
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pacingMs));
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }

        private void p2p(String requestId) {
            Acked p = newPayment(0);
            long began = System.nanoTime();
            attempts.setLength(0);
            boolean retry = false;
            while (true) {
                P2pPayment answer;
                try {
                    answer = client(target()).p2p(p.from().userId(), p.to().userId(), p.amount(), Currency.CNY,
                            requestId);
                } catch (AttaClientException e) {
                    again(e, began, "payment " + requestId);
                    retry = true;
                    continue;
                }
                if (!(answer.result() == Result.ok || retry && answer.result() == Result.exists)) {
                    throw new AssertionError("payment " + requestId + " answered " + answer.result()
                            + (retry ? " on a retry" : "") + " (seed " + seed + ")");
                }
                answered(began, "payment " + requestId, List.of(new Acked(answer.transferId(), p.from(), p.to(),
                        p.amount(), true)));
                return;
            }
        }

        private void transfers(int count) {
            List<Acked> batch = new ArrayList<>(count);
            List<NewTransfer> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Acked p = newPayment(nextTransferId++);
                batch.add(p);
                items.add(NewTransfer.of(p.transferId(), p.from().accountId(), p.to().accountId(), p.amount(),
                        Currency.CNY));
            }
            long began = System.nanoTime();
            attempts.setLength(0);
            boolean retry = false;
            while (true) {
                BatchResults r;
                try {
                    r = client(target()).createTransfers(items);
                } catch (AttaClientException e) {
                    again(e, began, "transfers from " + batch.get(0).transferId());
                    retry = true;
                    continue;
                }
                for (int i = 0; i < r.size(); i++) {
                    Result res = r.result(i);
                    if (!(res == Result.ok || retry && res == Result.exists)) {
                        throw new AssertionError("transfer " + r.id(i) + " answered " + res
                                + (retry ? " on a retry" : "") + " (seed " + seed + ")");
                    }
                }
                answered(began, "transfers from " + batch.get(0).transferId(), batch);
                return;
            }
        }

        /** After an attempt that failed: throws unless the outcome is merely unknown, then moves to the next node. */
        private void again(AttaClientException e, long began, String what) {
            boolean unknown = e.retryableWithSameIds();
            if (!unknown) {
                throw new AssertionError(what + " failed (seed " + seed + ")", e);
            }
            if (System.nanoTime() - began > TimeUnit.MILLISECONDS.toNanos(answerBoundMs)) {
                throw new AssertionError(what + ": no node answered within " + answerBoundMs + " ms (seed " + seed
                        + ")", e);
            }
            retries.incrementAndGet();
            attempts.append(target().getAuthority()).append(" failed at ").append(sinceMs(began)).append(" ms: ")
                    .append(e.getMessage()).append("; ");
            node++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryPauseMs));
        }

        private static long sinceMs(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
        }

        private URI target() {
            List<URI> nodes = targets.get();
            return nodes.get(Math.floorMod(node, nodes.size()));
        }

        private void answered(long began, String what, List<Acked> payments) {
            long waitedMs = sinceMs(began);
            synchronized (LoadRecorder.this) {
                if (waitedMs > longestWaitMs) {
                    longestWaitMs = waitedMs;
                    longestWait = what + ": " + attempts + target().getAuthority() + " answered";
                }
            }
            acked.addAll(payments);
            ackedCount.addAndGet(payments.size());
        }

        private Acked newPayment(long transferId) {
            Wallet from = wallets.get(random.nextInt(wallets.size()));
            boolean cross = random.nextInt(100) < crossShardPercent;
            Wallet to;
            do {
                to = wallets.get(random.nextInt(wallets.size()));
            } while (to == from || (to.shard() != from.shard()) != cross);
            // A transfer id of our own is in the payer's slot, as every transfer id must be.
            long id = transferId == 0 ? 0 : Ids.compose(Ids.slotOf(from.accountId()), transferId);
            return new Acked(id, from, to, 1 + random.nextLong(maxAmountMinor), false);
        }
    }
}
