package io.atta.cluster;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A real node on SOFAJRaft with a durable log: writes, reads, history, restart and snapshots. */
class AttaNodeTest {
    private static final int cny = Currency.CNY.ledger();

    @TempDir
    Path dir;

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    private static long userId(AttaNode node, int shard, long n) {
        return Ids.compose(node.homeSlotOf(shard), Ids.firstUserLocalId + n);
    }

    /** Creates two users on shard 0 and funds the first; returns their wallet ids. */
    private static long[] twoFundedWallets(AttaNode node) throws Exception {
        long u1 = userId(node, 0, 1);
        long u2 = userId(node, 0, 2);
        long w1 = userId(node, 0, 101);
        long w2 = userId(node, 0, 102);
        assertThat(submit(node, 0, new CreateUser(u1, w1, cny, 1, 2, 3, 4), new CreateUser(u2, w2, cny, 5, 6, 7, 8)))
                .containsExactly(Result.ok, Result.ok);
        long bank = HouseAccount.bankFunding.id(node.homeSlotOf(0), Currency.CNY);
        assertThat(submit(node, 0, new CreateTransfer(1, bank, w1, 10_000, cny, 1, 0, 0, 0, 0, 0)))
                .containsExactly(Result.ok);
        return new long[] {w1, w2};
    }

    private static AccountState account(AttaNode node, long id) throws Exception {
        return node.read(node.shardOf(id), l -> l.account(id)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void appliesDurablyAndComesBackAfterRestart() throws Exception {
        long[] w;
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(node.healthy()).isTrue();
            w = twoFundedWallets(node);
            List<Command> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(new CreateTransfer(1000 + i, w[0], w[1], 10, cny, 1, 0, 0, 0, 0, 0));
            }
            Result[] results = submit(node, 0, batch.toArray(Command[]::new));
            assertThat(results).containsOnly(Result.ok);
            assertThat(account(node, w[0]).balance()).isEqualTo(9_000);
            assertThat(submit(node, 0, new CreateTransfer(1000, w[0], w[1], 10, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.exists);
            assertThat(submit(node, 0, new CreateTransfer(2000, w[0], w[1], 9_001, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.insufficient_funds);
        }
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(account(node, w[0]).balance()).isEqualTo(9_000);
            assertThat(account(node, w[1]).balance()).isEqualTo(1_000);
            // The idempotency of a transfer applied before the restart survives it.
            assertThat(submit(node, 0, new CreateTransfer(1050, w[0], w[1], 10, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.exists);
            TransferRecord t = node.history(0).transfer(1050).orElseThrow();
            assertThat(t.amount()).isEqualTo(10);
            assertThat(node.history(0).accountTransfers(w[0], 0, Long.MAX_VALUE, 1000)).hasSize(101);
        }
    }

    @Test
    void recoversFromSnapshotPlusLogWithTheSameStateAndHistory() throws Exception {
        long[] w;
        long hashBefore;
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 1))) {
            w = twoFundedWallets(node);
            assertThat(submit(node, 0, new CreateTransfer(10, w[0], w[1], 100, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.ok);
            assertThat(node.group(0).snapshotNow().isOk()).isTrue();
            // After the snapshot: more transfers that only the log holds.
            assertThat(submit(node, 0, new CreateTransfer(11, w[0], w[1], 200, cny, 1, 0, 0, 0, 0, 0),
                    new CreateTransfer(12, w[0], w[1], 300, cny, 1, TransferFlags.pending, 0, 0, 0, 0)))
                    .containsExactly(Result.ok, Result.ok);
            hashBefore = node.read(0, l -> l.stateHash()).get();
        }
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 1))) {
            assertThat(node.read(0, l -> l.stateHash()).get()).isEqualTo(hashBefore);
            AccountState a = account(node, w[0]);
            assertThat(a.debitsPosted()).isEqualTo(300);
            assertThat(a.debitsPending()).isEqualTo(300);
            // Replaying transfer 11 after the snapshot must not have turned it into "exists".
            assertThat(node.history(0).transfer(11)).isPresent();
            assertThat(submit(node, 0, new CreateTransfer(13, w[0], w[1], 0, cny, 0, TransferFlags.postPending, 12,
                    0, 0, 0))).containsExactly(Result.ok);
            assertThat(node.history(0).transfer(12).orElseThrow().status()).isEqualTo(PendingStatus.posted);
            // The wallet's history runs across the snapshot: the top-up and transfer 10 before it,
            // 11 and 12 replayed from the log after it; 13, applied after the restart, posts 12
            // and so is part of 12's row, not a row of its own.
            List<TransferRow> rows = node.history(0).accountTransfers(w[0], 0, Long.MAX_VALUE, 100);
            assertThat(rows).extracting(r -> r.transfer().id()).containsExactly(12L, 11L, 10L, 1L);
            assertThat(rows.get(0).resolution().id()).isEqualTo(13);
            assertThat(rows.get(0).postedAmount()).isEqualTo(300);
            TransferRecord ten = node.history(0).transfer(10).orElseThrow();
            assertThat(node.history(0).balanceAt(w[0], ten.timestamp()).orElseThrow().debitsPosted()).isEqualTo(100);
            Map<Integer, long[]> totals = node.read(0, l -> l.totalsByLedger()).get();
            assertThat(totals.get(cny)[0]).isEqualTo(totals.get(cny)[1]);
        }
    }

    @Test
    void snapshotsWhenTheLogGrowsSoThatARestartReplaysLittle() throws Exception {
        long[] w;
        Path snapshots = dir.resolve("shard-0").resolve("raft").resolve("snapshot");
        // Snapshots by time only after an hour: any snapshot seen here is the log volume's.
        NodeOptions options = new NodeOptions(dir, "127.0.0.1", 0, 1, 3_600, 100);
        try (AttaNode node = AttaNode.start(options)) {
            node.group(0).snapshotEveryLogBytes(64 << 10);
            w = twoFundedWallets(node);
            for (int b = 0; b < 20; b++) {
                List<Command> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    batch.add(new CreateTransfer(10_000 + b * 200 + i, w[0], w[1], 1, cny, 1, 0, 0, 0, 0, 0));
                }
                assertThat(submit(node, 0, batch.toArray(Command[]::new))).containsOnly(Result.ok);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasSnapshot(snapshots)) {
                assertThat(System.nanoTime()).as("a snapshot after 64 KB of log").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(submit(node, 0, new CreateTransfer(90_000, w[0], w[1], 1, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.ok);
        }
        // The restart loads the snapshot and replays the log after it: the same state and history.
        try (AttaNode node = AttaNode.start(options)) {
            assertThat(account(node, w[0]).balance()).isEqualTo(10_000 - 4_001);
            assertThat(account(node, w[1]).balance()).isEqualTo(4_001);
            assertThat(node.history(0).transfer(10_123)).isPresent();
            assertThat(node.history(0).transfer(90_000)).isPresent();
            assertThat(submit(node, 0, new CreateTransfer(10_005, w[0], w[1], 1, cny, 1, 0, 0, 0, 0, 0)))
                    .containsExactly(Result.exists);
        }
    }

    private static boolean hasSnapshot(Path snapshots) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(snapshots)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("snapshot_"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void expiresPendingTransfersByTheLeadersClock() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000_000L);
        NodeOptions options = new NodeOptions(dir, "127.0.0.1", 0, 1, NodeOptions.defaultSnapshotIntervalSecs, 20);
        try (AttaNode node = AttaNode.start(options, clock::get)) {
            long[] w = twoFundedWallets(node);
            assertThat(submit(node, 0, new CreateTransfer(20, w[0], w[1], 500, cny, 1, TransferFlags.pending, 0, 60,
                    0, 0))).containsExactly(Result.ok);
            assertThat(account(node, w[0]).debitsPending()).isEqualTo(500);
            clock.addAndGet(61_000_000_000L);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (account(node, w[0]).debitsPending() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(account(node, w[0]).debitsPending()).isZero();
            assertThat(node.history(0).transfer(20).orElseThrow().status()).isEqualTo(PendingStatus.expired);
        }
    }

    @Test
    void refusesToReopenWithAnotherShardCount() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(node.shardCount()).isEqualTo(2);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AttaNode.start(NodeOptions.of(dir, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--shards 2");
    }
}
