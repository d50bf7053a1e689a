package io.atta.it.cluster;

import io.atta.cli.cluster.NodeApi;
import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.NewTransfer;
import io.atta.client.RetryPolicy;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Result;
import io.atta.it.cluster.LoadRecorder.Acked;
import io.atta.it.cluster.Wallets.Wallet;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single transfers the test itself sends to a node of its choosing, to see whether a group
 * takes writes: one attempt, whose answer or failure is returned, or attempts until one is
 * acknowledged. What is acknowledged is kept, to be audited with the load's payments.
 */
final class ProbeWriter implements AutoCloseable {
    /** How one attempt ended, after {@code tookMs}: {@code result} when the node answered, else {@code failure}. */
    record Attempt(Acked transfer, Result result, AttaClientException failure, long tookMs) {
        boolean acknowledged() {
            return result == Result.ok || result == Result.exists;
        }

        /** The node refused it or its outcome is unknown (5xx, 429, no answer): not a business outcome. */
        boolean unknown() {
            return failure.retryableWithSameIds();
        }
    }

    static final long amountMinor = 1;
    static final long retryPauseMs = 50;
    /** Probe ids start here, above every loader's range. */
    static final long firstId = 1000L << LoadRecorder.idShift;

    private final String apiKey;
    private final List<Wallet> wallets;
    private final long requestTimeoutMs;
    private final Map<URI, AttaClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextId = new AtomicLong(firstId);

    ProbeWriter(String apiKey, List<Wallet> wallets, long requestTimeoutMs) {
        this.apiKey = apiKey;
        this.wallets = wallets;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** A new transfer between two wallets of {@code shard}. */
    Acked onShard(int shard) {
        List<Wallet> on = Wallets.on(wallets, shard);
        return new Acked(idFrom(on.get(0)), on.get(0), on.get(1), amountMinor, false);
    }

    /** A new transfer from a wallet of {@code shard} to one of another shard: a cross-shard transaction. */
    Acked acrossFrom(int shard) {
        Wallet to = wallets.stream().filter(w -> w.shard() != shard).findFirst().orElseThrow();
        Wallet from = Wallets.on(wallets, shard).get(0);
        return new Acked(idFrom(from), from, to, amountMinor, false);
    }

    /** The next transfer id, in the slot of the wallet it debits, as every transfer id must be. */
    private long idFrom(Wallet from) {
        return Ids.compose(Ids.slotOf(from.accountId()), nextId.getAndIncrement());
    }

    /** Sends {@code t} to {@code node} once. */
    Attempt sendOnce(URI node, Acked t) {
        long began = System.nanoTime();
        try {
            BatchResults r = client(node).createTransfers(List.of(NewTransfer.of(t.transferId(), t.from().accountId(),
                    t.to().accountId(), t.amount(), Currency.CNY)));
            Attempt a = new Attempt(t, r.result(0), null, sinceMs(began));
            if (a.acknowledged()) {
                acked.add(t);
            }
            return a;
        } catch (AttaClientException e) {
            return new Attempt(t, null, e, sinceMs(began));
        }
    }

    private static long sinceMs(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** How a transfer sent until acknowledged went: how long that took, and what the failed attempts met. */
    record Acknowledged(long tookMs, List<String> failed) {
        @Override
        public String toString() {
            return tookMs + " ms" + (failed.isEmpty() ? "" : " (" + failed.size() + " failed attempts, the first: "
                    + failed.get(0) + ", the last: " + failed.get(failed.size() - 1) + ")");
        }
    }

    /**
     * Sends {@code t} to {@code node} until it is acknowledged, while its outcome is unknown.
     * Fails on any other answer, or after {@code boundMs}.
     */
    Acknowledged sendUntilAcknowledged(URI node, Acked t, long boundMs) {
        long began = System.nanoTime();
        List<String> failed = new ArrayList<>();
        while (true) {
            Attempt a = sendOnce(node, t);
            if (a.acknowledged()) {
                return new Acknowledged(sinceMs(began), List.copyOf(failed));
            }
            if (!a.unknown()) {
                throw new AssertionError("transfer " + t + " sent to " + node + " answered " + a);
            }
            failed.add(a.failure().getMessage() + " after " + a.tookMs() + " ms");
            if (sinceMs(began) > boundMs) {
                throw new AssertionError("transfer " + t + " sent to " + node + " not acknowledged within " + boundMs
                        + " ms; attempts: " + failed, a.failure());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryPauseMs));
        }
    }

    /**
     * Sends one cross-shard transfer through each of {@code nodes}, once: each must be
     * acknowledged at once, since service resumed without help.
     */
    void assertEachNodeWrites(List<NodeAddress> nodes, int shards) {
        for (NodeAddress n : nodes) {
            Attempt a = sendOnce(NodeApi.baseUri(n), acrossFrom(n.id() % shards));
            assertThat(a.acknowledged()).as("a write through node %d succeeds at once: %s", n.id(), a).isTrue();
        }
    }

    /** Every probe a node acknowledged. */
    List<Acked> acked() {
        return List.copyOf(acked);
    }

    private AttaClient client(URI node) {
        return clients.computeIfAbsent(node, n -> AttaClient.create(ClientOptions.of(n, apiKey)
                .withRetry(RetryPolicy.none()).withRequestTimeoutMs(requestTimeoutMs)));
    }

    @Override
    public void close() {
        clients.values().forEach(AttaClient::close);
    }
}
