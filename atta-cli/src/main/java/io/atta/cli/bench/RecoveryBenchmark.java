package io.atta.cli.bench;

import io.atta.cli.ServerProcess;
import io.atta.client.Account;
import io.atta.client.AttaClient;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.NewTransfer;
import io.atta.cluster.DataDirectory;
import io.atta.cluster.Routing;
import io.atta.core.Limits;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Recovery time after {@code kill -9}: a real server process takes {@code transfers} transfers
 * (all in its Raft log: no snapshot is due in that time), is killed with SIGKILL and started
 * again on the same data. Reports how long until {@code /health} answers and until a
 * linearizable read shows the last acknowledged transfer, and checks every account's balance
 * against what the acknowledged transfers imply.
 */
final class RecoveryBenchmark {
    private static final int accountsPerShard = 1000;

    private RecoveryBenchmark() {
    }

    static Map<String, Object> run(long transfers, int shards, boolean keepDir, PrintWriter progress) throws IOException {
        Path dir = Files.createTempDirectory("atta-recovery-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String key = "bench-" + Long.toHexString(new SplittableRandom().nextLong());
        try (ServerProcess server = new ServerProcess(dir.resolve("data"), port, shards, key, List.of("-Xmx4g"));
             AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), key))) {
            server.start();
            AccountsByShard accounts = BenchAccounts.create(client, new Routing(shards)::shardOf, shards,
                    shards * accountsPerShard, progress);
            Map<Long, Long> expected = new HashMap<>();
            SplittableRandom random = new SplittableRandom(42);
            long id = 1;
            long last = 0;
            long done = 0;
            long began = System.nanoTime();
            while (done < transfers) {
                int n = (int) Math.min(Limits.maxBatchTransfers, transfers - done);
                int[] group = accounts.onShard((int) ((done / Limits.maxBatchTransfers) % shards));
                List<NewTransfer> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int a = random.nextInt(group.length);
                    int b = (a + 1 + random.nextInt(group.length - 1)) % group.length;
                    long debit = accounts.id(group[a]);
                    long credit = accounts.id(group[b]);
                    long amount = 1 + random.nextInt(1000);
                    batch.add(NewTransfer.of(NewTransfer.idFor(debit, id++), debit, credit, amount,
                            BenchAccounts.currency));
                    expected.merge(debit, -amount, Long::sum);
                    expected.merge(credit, amount, Long::sum);
                    last = credit;
                }
                BatchResults r = client.createTransfers(batch);
                if (!r.allOk()) {
                    throw new IllegalStateException("load refused: " + r);
                }
                done += n;
                if (done % (Limits.maxBatchTransfers * 20L) < n) {
                    progress.printf("[bench] loaded %,d transfers%n", done);
                    progress.flush();
                }
            }
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            progress.printf("[bench] loaded %,d transfers in %.1f s; kill -9 pid %d%n", done, loadSeconds,
                    server.pid());
            progress.flush();
            server.kill();
            long restart = System.nanoTime();
            long healthyMs = server.start();
            Account lastAccount = client.getAccount(last);
            long readMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart);
            verify(client, accounts, expected, lastAccount, last);
            progress.printf("[bench] healthy after %d ms, consistent read after %d ms; all %d balances verified%n",
                    healthyMs, readMs, accounts.size());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("workload", "recovery");
            out.put("unit", "ms");
            out.put("shards", shards);
            out.put("nodes", 1);
            out.put("transfers_in_log", done);
            out.put("healthy_ms", healthyMs);
            out.put("consistent_read_ms", readMs);
            out.put("balances_verified", accounts.size());
            out.put("durable", true);
            return out;
        } finally {
            if (keepDir) {
                progress.println("[bench] kept " + dir + " (the data, and the server's log beside it)");
                progress.flush();
            } else {
                DataDirectory.delete(dir);
            }
        }
    }

    private static void verify(AttaClient client, AccountsByShard accounts, Map<Long, Long> expected,
                               Account lastAccount, long last) {
        if (lastAccount.creditsPosted() - lastAccount.debitsPosted() != expected.get(last)) {
            throw new IllegalStateException("account " + last + " lost acknowledged transfers after the restart");
        }
        for (int i = 0; i < accounts.size(); i++) {
            long account = accounts.id(i);
            Account a = client.getAccount(account);
            long want = expected.getOrDefault(account, 0L);
            if (a.creditsPosted() - a.debitsPosted() != want) {
                throw new IllegalStateException("account " + account + " has " + a.balance() + " after the restart,"
                        + " expected " + want);
            }
        }
    }
}
