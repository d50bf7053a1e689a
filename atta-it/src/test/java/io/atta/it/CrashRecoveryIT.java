package io.atta.it;

import io.atta.cli.ServerProcess;
import io.atta.client.Account;
import io.atta.client.AccountIds;
import io.atta.client.AttaClient;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.CreatedUser;
import io.atta.client.NewAccount;
import io.atta.client.NewTransfer;
import io.atta.client.RetryPolicy;
import io.atta.cluster.Routing;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process under concurrent transfer load is killed with SIGKILL at random
 * moments and restarted on the same data. Every acknowledged transfer must be there
 * afterwards, retries of batches whose outcome was unknown must never apply twice, every
 * balance must equal what the transfers imply, and debits must equal credits.
 */
class CrashRecoveryIT {
    private static final int shards = 2;
    private static final int accountsPerUser = 40;
    private static final int loaders = 4;
    private static final int batchSize = 200;
    private static final int kills = 6;
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir
    Path tmp;

    /** A batch a loader sent, and whether the server acknowledged it. */
    private record SentBatch(List<NewTransfer> transfers) {
    }

    @Test
    void acknowledgedTransfersSurviveKillNine() throws Exception {
        String adminKey = "it-admin-key-" + seed;
        int port = RestartableServer.freePort();
        // Snapshots every second: kills land before, during and after snapshots, so restarts
        // exercise both snapshot + log replay and replay from the start of the log.
        try (ServerProcess server = new ServerProcess(tmp.resolve("data"), port, shards, adminKey,
                List.of("-Xmx512m"), List.of("--snapshot-interval", "1"));
             AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), adminKey)
                     .withRetry(RetryPolicy.none()).withMaxConnections(16))) {
            server.start();
            List<long[]> groups = createAccounts(client);

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong acked = new AtomicLong();
            ConcurrentLinkedQueue<SentBatch> ackedBatches = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Object progress = new Object();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < loaders; t++) {
                final int loader = t;
                Thread th = new Thread(() -> load(client, groups, loader, loading, acked, ackedBatches, failures,
                        progress), "loader-" + t);
                th.start();
                threads.add(th);
            }

            SplittableRandom random = new SplittableRandom(seed);
            for (int k = 0; k < kills; k++) {
                long target = acked.get() + 5 + random.nextInt(60);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                synchronized (progress) {
                    while (acked.get() < target && System.nanoTime() < deadline) {
                        progress.wait(100);
                    }
                }
                assertThat(acked.get()).as("load made progress before kill %d (seed %d)", k, seed)
                        .isGreaterThanOrEqualTo(target);
                server.kill();
                server.start();
            }
            long finalTarget = acked.get() + 10;
            synchronized (progress) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acked.get() < finalTarget && System.nanoTime() < deadline) {
                    progress.wait(100);
                }
            }
            loading.set(false);
            for (Thread th : threads) {
                th.join(TimeUnit.MINUTES.toMillis(3));
                assertThat(th.isAlive()).as("loader finished").isFalse();
            }
            assertThat(failures).as("loader failures (seed %d)", seed).isEmpty();

            // One more crash with nothing in flight, then check everything against the survivors.
            server.kill();
            server.start();
            verify(client, groups, ackedBatches);
            System.out.printf("crash test (seed %d): %d kills under load, %d batches of %d acknowledged and verified%n",
                    seed, kills + 1, ackedBatches.size(), batchSize);
        }
    }

    /** One user per shard, each with accounts that may go negative (the load never fails on funds). */
    private static List<long[]> createAccounts(AttaClient client) {
        Routing routing = new Routing(shards);
        Map<Integer, Long> userOfShard = new HashMap<>();
        for (int i = 0; i < 200 && userOfShard.size() < shards; i++) {
            CreatedUser u = client.createUser(Currency.CNY);
            int shard = routing.shardOf(u.userId());
            userOfShard.putIfAbsent(shard, u.userId());
        }
        assertThat(userOfShard).hasSize(shards);
        List<long[]> groups = new ArrayList<>();
        for (long userId : userOfShard.values()) {
            List<NewAccount> accounts = new ArrayList<>();
            long[] ids = new long[accountsPerUser];
            for (int n = 0; n < accountsPerUser; n++) {
                ids[n] = AccountIds.forOwner(userId, n);
                accounts.add(NewAccount.of(ids[n], userId, Currency.CNY));
            }
            BatchResults r = client.createAccounts(accounts);
            assertThat(r.allOk()).as("accounts created: %s", r).isTrue();
            groups.add(ids);
        }
        return groups;
    }

    private static void load(AttaClient client, List<long[]> groups, int loader, AtomicBoolean loading,
                             AtomicLong acked, ConcurrentLinkedQueue<SentBatch> ackedBatches,
                             ConcurrentLinkedQueue<Throwable> failures, Object progress) {
        SplittableRandom random = new SplittableRandom(seed + loader);
        long nextId = (loader + 1L) * 1_000_000_000L;
        try {
            while (loading.get()) {
                List<NewTransfer> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    long[] g = groups.get(random.nextInt(groups.size()));
                    int a = random.nextInt(g.length);
                    int b = (a + 1 + random.nextInt(g.length - 1)) % g.length;
                    long id = Ids.compose(Ids.slotOf(g[a]), nextId++);
                    batch.add(NewTransfer.of(id, g[a], g[b], 1 + random.nextInt(10_000), Currency.CNY));
                }
                // Send until acknowledged: after a crash the outcome is unknown, and the same ids
                // make the repeat safe. A repeat may find some transfers already applied.
                boolean retry = false;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (true) {
                    BatchResults r;
                    try {
                        r = client.createTransfers(batch);
                    } catch (RuntimeException e) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("batch not acknowledged within 3 minutes", e);
                        }
                        retry = true;
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        continue;
                    }
                    for (int i = 0; i < r.size(); i++) {
                        Result res = r.result(i);
                        boolean fine = res == Result.ok || retry && res == Result.exists;
                        if (!fine) {
                            throw new AssertionError("transfer " + r.id(i) + " answered " + res
                                    + (retry ? " on a retry" : "") + " (seed " + seed + ")");
                        }
                    }
                    break;
                }
                ackedBatches.add(new SentBatch(batch));
                acked.incrementAndGet();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static void verify(AttaClient client, List<long[]> groups, ConcurrentLinkedQueue<SentBatch> batches) {
        Map<Long, long[]> expected = new HashMap<>();
        List<NewTransfer> all = new ArrayList<>();
        for (SentBatch b : batches) {
            for (NewTransfer t : b.transfers()) {
                all.add(t);
                expected.computeIfAbsent(t.debitAccountId(), k -> new long[2])[0] += t.amount();
                expected.computeIfAbsent(t.creditAccountId(), k -> new long[2])[1] += t.amount();
            }
        }
        assertThat(all).as("transfers acknowledged").hasSizeGreaterThan(kills * 5 * batchSize);
        // Every acknowledged transfer is there, with the same fields: a repeat answers "exists".
        for (int from = 0; from < all.size(); from += 8190) {
            BatchResults r = client.createTransfers(all.subList(from, Math.min(all.size(), from + 8190)));
            assertThat(r.count(Result.exists)).as("acknowledged transfers present (seed %d): %s", seed, r)
                    .isEqualTo(r.size());
        }
        long debits = 0;
        long credits = 0;
        for (long[] g : groups) {
            for (long id : g) {
                Account a = client.getAccount(id);
                long[] e = expected.getOrDefault(id, new long[2]);
                assertThat(new long[] {a.debitsPosted(), a.creditsPosted()})
                        .as("balances of account %d (seed %d)", id, seed).containsExactly(e[0], e[1]);
                assertThat(a.debitsPending() + a.creditsPending()).isZero();
                debits += a.debitsPosted();
                credits += a.creditsPosted();
            }
        }
        assertThat(debits).as("debits equal credits").isEqualTo(credits);
    }
}
