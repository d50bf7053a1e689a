package io.atta.cluster.history;

import io.atta.cluster.ServiceException;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history as a projection of the log, on a real RocksDB with the indexer held back where a
 * test needs it: apply finds what is only in the tail, a read waits for the indexer (bounded),
 * apply waits when the tail is full, and a snapshot holds exactly what was applied before it.
 */
class ProjectedHistoryTest {
    private static final int cny = Currency.CNY.ledger();
    private static final long user = Ids.compose(0, Ids.firstUserLocalId);
    private static final int accounts = 20;

    @TempDir
    Path dir;

    /** Holds the indexer before each batch until the test gives it a permit. */
    static final class Gate implements IndexerSteps {
        final Semaphore permits = new Semaphore(0);

        @Override
        public void beforeIndex(int k) {
            permits.acquireUninterruptibly();
        }
    }

    private static long account(int i) {
        return Ids.compose(0, Ids.firstUserLocalId + 10 + i);
    }

    private static Command[] setup() {
        Command[] out = new Command[accounts + 1];
        out[0] = new CreateUser(user, Ids.compose(0, Ids.firstUserLocalId + 1), cny, 1, 2, 3, 4);
        for (int i = 0; i < accounts; i++) {
            out[i + 1] = new CreateAccount(account(i), user, cny, 10, AccountFlags.history, 0);
        }
        return out;
    }

    private static CreateTransfer transfer(long id, SplittableRandom random) {
        int a = random.nextInt(accounts);
        int b = (a + 1 + random.nextInt(accounts - 1)) % accounts;
        return new CreateTransfer(id, account(a), account(b), 1 + random.nextInt(1_000), cny, 1, 0, 0, 0, 0, 0);
    }

    /** Applies {@code commands} as the batch at log index {@code index}. */
    private static Result[] apply(ShardLedger ledger, ProjectedHistory h, long index, Command... commands) {
        h.setApplyingIndex(index);
        return ledger.apply(index * 1_000_000L, commands);
    }

    private static Command[] transfers(long firstId, int n, SplittableRandom random) {
        Command[] out = new Command[n];
        for (int i = 0; i < n; i++) {
            out[i] = transfer(firstId + i, random);
        }
        return out;
    }

    @Test
    void applyFindsTheTailAndAReadWaitsForTheIndexer() throws Exception {
        Gate gate = new Gate();
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), gate, "test", 1_000)) {
            ShardLedger ledger = ShardLedger.standalone(h);
            SplittableRandom random = new SplittableRandom(14);
            apply(ledger, h, 1, setup());
            gate.permits.release();
            h.awaitIndexed(1);

            Command[] batch = transfers(100, 100, random);
            assertThat(apply(ledger, h, 2, batch)).containsOnly(Result.ok);
            // Only the tail holds them, and apply answers a repeat from it.
            assertThat(h.indexedIndex()).isEqualTo(1);
            assertThat(apply(ledger, h, 3, batch[50], transfer(300, random)))
                    .containsExactly(Result.exists, Result.ok);

            // A read waits for the indexer; held back past the bound, it fails and says why.
            assertThatThrownBy(() -> h.reader().transfer(150)).isInstanceOf(ServiceException.class)
                    .hasMessageContaining("maxIndexWaitMs").hasMessageContaining("log index 3");
            CompletableFuture<Optional<TransferRecord>> read = CompletableFuture.supplyAsync(
                    () -> h.reader().transfer(150));
            gate.permits.release(2);
            assertThat(read.get(10, TimeUnit.SECONDS)).map(TransferRecord::id).contains(150L);
            assertThat(h.reader().transfer(300)).isPresent();
            assertThat(h.reader().accountTransfers(((CreateTransfer) batch[0]).debitAccountId(), 0, Long.MAX_VALUE,
                    1000)).isNotEmpty();
            // Once stored, a repeat is found in the store.
            assertThat(apply(ledger, h, 4, batch[7])).containsExactly(Result.exists);
        }
    }

    /** Waits (bounded) until the indexer has stored every batch appended, without asking it to. */
    private static void awaitIndexedOnItsOwn(ProjectedHistory h) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.indexedIndex() < h.appendedIndex()) {
            assertThat(System.nanoTime()).as("the indexer stores the tail on its own").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aLazyIndexerStoresAtItsBoundOrWhenSomeoneReads() throws Exception {
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), IndexerSteps.none(),
                "follower", 1_000)) {
            h.indexLazily(true);
            ShardLedger ledger = ShardLedger.standalone(h);
            SplittableRandom random = new SplittableRandom(7);
            apply(ledger, h, 1, setup());
            long index = 1;
            Command[] first = transfers(100, 50, random);
            assertThat(apply(ledger, h, ++index, first)).containsOnly(Result.ok);
            while (index < ProjectedHistory.lazyIndexBatches - 2) {
                assertThat(apply(ledger, h, ++index, transfers(1_000 * index, 50, random))).containsOnly(Result.ok);
            }
            // Below its bound a lazy indexer stores nothing, and apply answers a repeat from the tail.
            assertThat(h.indexedIndex()).isZero();
            assertThat(apply(ledger, h, ++index, first[10])).containsExactly(Result.exists);
            assertThat(h.indexedIndex()).isZero();

            // A read makes it catch up with everything applied when the read began.
            assertThat(h.reader().transfer(((CreateTransfer) first[20]).id())).isPresent();
            assertThat(h.indexedIndex()).isEqualTo(index);

            // Past its bound it stores the whole tail on its own.
            long before = index;
            while (index < before + ProjectedHistory.lazyIndexBatches) {
                assertThat(apply(ledger, h, ++index, transfers(1_000 * index, 50, random))).containsOnly(Result.ok);
            }
            awaitIndexedOnItsOwn(h);
            // Leading (eager again): each batch is stored as it comes.
            h.indexLazily(false);
            assertThat(apply(ledger, h, ++index, transfers(1_000 * index, 50, random))).containsOnly(Result.ok);
            awaitIndexedOnItsOwn(h);
            assertThat(h.indexedIndex()).isEqualTo(index);
            assertThat(apply(ledger, h, ++index, first[30])).containsExactly(Result.exists);
        }
    }

    @Test
    void applyFindsTheNewestRecordOfAnIdAcrossTailBatches() throws Exception {
        Gate gate = new Gate();
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), gate, "test", 1_000)) {
            ShardLedger ledger = ShardLedger.standalone(h);
            apply(ledger, h, 1, setup());
            gate.permits.release();
            h.awaitIndexed(1);
            // Held in the tail: a pending transfer, its post in a later batch, then a void of it.
            CreateTransfer pending = new CreateTransfer(500, account(0), account(1), 70, cny, 1,
                    io.atta.core.TransferFlags.pending, 0, 0, 0, 0);
            assertThat(apply(ledger, h, 2, pending)).containsExactly(Result.ok);
            assertThat(apply(ledger, h, 3, new CreateTransfer(501, 0, 0, 0, cny, 0,
                    io.atta.core.TransferFlags.postPending, 500, 0, 0, 0))).containsExactly(Result.ok);
            assertThat(h.indexedIndex()).isEqualTo(1);
            assertThat(apply(ledger, h, 4, new CreateTransfer(502, 0, 0, 0, cny, 0,
                    io.atta.core.TransferFlags.voidPending, 500, 0, 0, 0))).containsExactly(Result.pending_already_posted);
            gate.permits.release(3);
            h.drain();
            // Stored: the same answer from the store.
            assertThat(apply(ledger, h, 5, new CreateTransfer(503, 0, 0, 0, cny, 0,
                    io.atta.core.TransferFlags.voidPending, 500, 0, 0, 0))).containsExactly(Result.pending_already_posted);
            gate.permits.release();
            assertThat(h.reader().transfer(500)).map(TransferRecord::status).contains(PendingStatus.posted);
        }
    }

    @Test
    void applyWaitsWhileTheTailIsFull() throws Exception {
        Gate gate = new Gate();
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), gate, "test", 1_000)) {
            for (int i = 1; i <= ProjectedHistory.maxTailBatches; i++) {
                h.setApplyingIndex(i);
                h.commit(List.of(), List.of(), List.of());
            }
            h.setApplyingIndex(ProjectedHistory.maxTailBatches + 1);
            Thread applier = new Thread(() -> h.commit(List.of(), List.of(), List.of()), "applier");
            applier.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (applier.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(applier.getState()).as("apply waits for room in the tail").isEqualTo(Thread.State.TIMED_WAITING);
            assertThat(h.appendedIndex()).isEqualTo(ProjectedHistory.maxTailBatches);
            gate.permits.release(ProjectedHistory.maxTailBatches + 1);
            applier.join(10_000);
            assertThat(applier.isAlive()).isFalse();
            h.drain();
            assertThat(h.indexedIndex()).isEqualTo(ProjectedHistory.maxTailBatches + 1);
        }
    }

    @Test
    void aSnapshotHoldsWhatWasAppliedBeforeItWithItsIdFilter() throws Exception {
        SplittableRandom random = new SplittableRandom(41);
        Path snapshot = dir.resolve("snapshot");
        Files.createDirectories(snapshot);
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), IndexerSteps.none(),
                "test")) {
            ShardLedger ledger = ShardLedger.standalone(h);
            apply(ledger, h, 1, setup());
            for (int b = 0; b < 10; b++) {
                assertThat(apply(ledger, h, 2 + b, transfers(1_000 + b * 500L, 500, random))).containsOnly(Result.ok);
            }
            List<String> files = h.checkpoint(snapshot);
            assertThat(files).contains(ProjectedHistory.filterFile).anyMatch(f -> f.startsWith("history/"));
            assertThat(h.indexedIndex()).isEqualTo(11);
            // Applied after the snapshot: not in it.
            apply(ledger, h, 12, transfers(9_000, 10, random));
        }
        for (boolean withFilter : new boolean[] {true, false}) {
            if (!withFilter) {
                // A snapshot from before the filter existed: it is rebuilt from the store.
                Files.delete(snapshot.resolve(ProjectedHistory.filterFile));
            }
            try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("r")),
                    IndexerSteps.none(), "restored")) {
                h.restoreFrom(snapshot, 11);
                assertThat(h.appendedIndex()).isEqualTo(11);
                long[] ids = new long[5_010];
                for (int i = 0; i < 5_000; i++) {
                    ids[i] = 1_000 + i;
                }
                for (int i = 0; i < 10; i++) {
                    ids[5_000 + i] = 9_000 + i;
                }
                Map<Long, TransferRecord> found = new HashMap<>();
                h.load(ids, ids.length, found);
                assertThat(found).as("with the filter file: %s", withFilter).hasSize(5_000)
                        .doesNotContainKeys(9_000L, 9_009L);
                assertThat(h.reader().transfer(3_456)).isPresent();
            }
        }
    }
}
