package io.atta.it;

import io.atta.client.AccountIds;
import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.CreatedUser;
import io.atta.client.NewAccount;
import io.atta.client.NewTransfer;
import io.atta.client.RetryPolicy;
import io.atta.client.Transfer;
import io.atta.client.TransferPage;
import io.atta.cluster.history.IndexerSteps;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server is killed with SIGKILL at each step of projecting its log into the history
 * store ({@code -Datta.historyCrashAt}, {@link IndexerSteps}): with acknowledged batches applied
 * but only in the indexer's tail, right after the indexer stored a batch and before it moved on,
 * and in the middle of a snapshot. Restarted without the crash point, every acknowledged transfer
 * is in history exactly once (by id and in its accounts' listings), a repeat answers
 * {@code exists}, and a read right after a write sees it.
 */
class HistoryCrashIT {
    private static final int shards = 1;
    private static final int accounts = 8;
    private static final int batchSize = 100;
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());
    private static final List<String> serverJvmArgs = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    /** How long the loader may send before the crash point must have been reached. */
    private static final long crashBoundMs = 60_000;

    @TempDir
    Path tmp;

    /**
     * Each crash step with the batch or snapshot count that reaches it; snapshots every second
     * only where the step is a snapshot's (elsewhere a snapshot would wait on the held indexer).
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(IndexerSteps.Step.afterApply + ":12", List.of("--settlement-interval", "0")),
                Arguments.of(IndexerSteps.Step.afterIndex + ":12", List.of("--settlement-interval", "0")),
                Arguments.of(IndexerSteps.Step.midSnapshot + ":4",
                        List.of("--settlement-interval", "0", "--snapshot-interval", "1")));
    }

    @ParameterizedTest(name = "kill -9 at {0}")
    @MethodSource("cases")
    void everyAcknowledgedTransferIsInHistoryOnce(String crashAt, List<String> serverArgs) throws Exception {
        RestartableServer.runSeeded("HistoryCrashIT " + crashAt, seed, tmp.resolve("data"), shards, serverJvmArgs,
                serverArgs, server -> crashAndCheck(server, crashAt));
    }

    private static void crashAndCheck(RestartableServer server, String crashAt) throws Exception {
        server.startCrashingAt(IndexerSteps.property, crashAt);
        try (AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), server.adminKey())
                .withRetry(RetryPolicy.none()).withRequestTimeoutMs(20_000))) {
            long[] ids = createAccounts(client);
            SplittableRandom random = new SplittableRandom(seed);
            List<NewTransfer> acked = new ArrayList<>();
            List<NewTransfer> inFlight = List.of();
            long nextId = 1;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(crashBoundMs);
            while (true) {
                assertThat(System.nanoTime()).as("the server reached %s within %d ms", crashAt, crashBoundMs)
                        .isLessThan(deadline);
                inFlight = batch(ids, nextId, random);
                nextId += batchSize;
                BatchResults r;
                try {
                    r = client.createTransfers(inFlight);
                } catch (AttaClientException died) {
                    break;
                }
                assertThat(r.allOk()).as("batch answered %s", r).isTrue();
                acked.addAll(inFlight);
            }
            assertThat(server.awaitExit(30_000)).as("the server killed itself at %s", crashAt).isTrue();
            assertThat(acked).as("batches acknowledged before the crash").isNotEmpty();

            server.startClean();
            assertHistory(client, ids, acked, inFlight, true, crashAt);
            for (int from = 0; from < acked.size(); from += 8190) {
                BatchResults again = client.createTransfers(acked.subList(from, Math.min(acked.size(), from + 8190)));
                assertThat(again.count(Result.exists)).as("repeats after %s answered exists", crashAt)
                        .isEqualTo(again.size());
            }
            // A read right after a write sees it.
            List<NewTransfer> fresh = batch(ids, 1_000_000, random);
            assertThat(client.createTransfers(fresh).allOk()).isTrue();
            for (NewTransfer t : fresh) {
                assertThat(client.getTransfer(t.id()).amount()).isEqualTo(t.amount());
            }
            List<NewTransfer> all = new ArrayList<>(acked);
            all.addAll(fresh);
            assertHistory(client, ids, all, inFlight, false, crashAt + ", then a fresh batch");
            System.out.printf("history crash at %s (seed %d): %d transfers acknowledged, all in history once%n",
                    crashAt, seed, acked.size());
        }
    }

    /** A user (on the only shard) with accounts an admin made, so that they may run into debit, keeping history. */
    private static long[] createAccounts(AttaClient client) {
        CreatedUser u = client.createUser(Currency.CNY);
        long[] ids = new long[accounts];
        List<NewAccount> list = new ArrayList<>();
        for (int n = 0; n < accounts; n++) {
            ids[n] = AccountIds.forOwner(u.userId(), n);
            list.add(new NewAccount(ids[n], u.userId(), Currency.CNY, NewAccount.defaultCode, AccountFlags.history, 0));
        }
        assertThat(client.createAccounts(list).allOk()).isTrue();
        return ids;
    }

    private static List<NewTransfer> batch(long[] ids, long firstId, SplittableRandom random) {
        List<NewTransfer> out = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            int a = random.nextInt(ids.length);
            int b = (a + 1 + random.nextInt(ids.length - 1)) % ids.length;
            out.add(NewTransfer.of(Ids.compose(Ids.slotOf(ids[a]), Ids.firstUserLocalId + firstId + i), ids[a], ids[b],
                    1 + random.nextInt(10_000), Currency.CNY));
        }
        return out;
    }

    /**
     * Every acknowledged transfer is found by id (with {@code byId}) and listed once in each of
     * its accounts' histories; a listing holds nothing else but the batch whose reply the crash cut off
     * (applied or not, the log decides); each account's rows sum to its balance.
     */
    private static void assertHistory(AttaClient client, long[] ids, List<NewTransfer> acked, List<NewTransfer> inFlight,
                                      boolean byId, String context) {
        Map<Long, NewTransfer> maybe = new HashMap<>();
        inFlight.forEach(t -> maybe.put(t.id(), t));
        Map<Long, Set<Long>> expected = new HashMap<>();
        for (NewTransfer t : acked) {
            if (byId) {
                assertThat(client.getTransfer(t.id()).amount()).as("%s: transfer %d", context, t.id())
                        .isEqualTo(t.amount());
            }
            expected.computeIfAbsent(t.debitAccountId(), k -> new HashSet<>()).add(t.id());
            expected.computeIfAbsent(t.creditAccountId(), k -> new HashSet<>()).add(t.id());
        }
        for (long account : ids) {
            List<Transfer> rows = new ArrayList<>();
            Instant to = null;
            do {
                TransferPage page = client.accountTransfers(account, null, to, 1000);
                rows.addAll(page.transfers());
                to = page.nextTo();
            } while (to != null);
            List<Long> listed = rows.stream().map(Transfer::id).toList();
            assertThat(listed).as("%s: account %d lists each transfer once", context, account).doesNotHaveDuplicates()
                    .containsAll(expected.getOrDefault(account, Set.of()));
            long sum = 0;
            for (Transfer t : rows) {
                assertThat(expected.getOrDefault(account, Set.of()).contains(t.id()) || maybe.containsKey(t.id()))
                        .as("%s: account %d lists transfer %d, which was never sent", context, account, t.id()).isTrue();
                sum += t.creditAccountId() == account ? t.amount() : -t.amount();
            }
            assertThat(sum).as("%s: account %d's rows sum to its balance", context, account)
                    .isEqualTo(client.getAccount(account).balance());
        }
    }
}
