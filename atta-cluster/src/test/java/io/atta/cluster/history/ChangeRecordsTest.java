package io.atta.cluster.history;

import io.atta.cluster.Change;
import io.atta.cluster.HistoryReader;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream's records in the history projection: each batch's transfers with both
 * balances after them, the modules' changed records, and each moved account's final balances,
 * at cursors in commit order; a reader waits past the store's index without a thread.
 */
class ChangeRecordsTest {
    @TempDir
    Path dir;

    private static TransferRecord transfer(long id, long debit, long credit, long amount, long ts) {
        return new TransferRecord(id, debit, credit, amount, 156, 1, 0, 0, 0, 0, ts, PendingStatus.none, debit,
                credit, amount, 156);
    }

    private static BalanceEvent event(long account, long ts, long transfer, long debits, long credits) {
        return new BalanceEvent(account, ts, transfer, BalanceEvent.Kind.opened, 0, debits, 0, credits);
    }

    @Test
    void eachBatchStreamsItsTransfersRecordsAndBalancesInCommitOrder() throws Exception {
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), IndexerSteps.none(),
                "test")) {
            h.setApplyingIndex(5);
            h.changed((byte) 't', 900, new byte[] {1, 2});
            h.commit(List.of(transfer(1, 10, 20, 100, 50), transfer(2, 10, 30, 40, 50)),
                    List.of(event(10, 50, 1, 100, 0), event(20, 50, 1, 0, 100), event(10, 50, 2, 140, 0),
                            event(30, 50, 2, 0, 40)), List.of());
            h.setApplyingIndex(6);
            h.commit(List.of(transfer(3, 20, 10, 7, 60)), List.of(event(20, 60, 3, 7, 100),
                    event(10, 60, 3, 140, 7)), List.of());
            HistoryReader reader = h.reader();

            HistoryReader.ChangePage all = reader.changes(0, -1, 100);

            assertThat(all.indexedIndex()).isEqualTo(6);
            assertThat(all.changes()).extracting(c -> c.index() + "-" + c.seq())
                    .containsExactly("5-0", "5-1", "5-2", "5-3", "5-4", "5-5", "6-0", "6-1", "6-2");
            Change.TransferChange second = (Change.TransferChange) all.changes().get(1);
            assertThat(second.transfer().id()).isEqualTo(2);
            assertThat(second.debit().debitsPosted()).isEqualTo(140); // after transfer 2, not after 1
            assertThat(second.credit().creditsPosted()).isEqualTo(40);
            Change.RecordChange trade = (Change.RecordChange) all.changes().get(2);
            assertThat(trade.kind()).isEqualTo((byte) 't');
            assertThat(trade.id()).isEqualTo(900);
            assertThat(trade.bytes()).containsExactly(1, 2);
            Change.AccountChange account10 = (Change.AccountChange) all.changes().get(3);
            assertThat(account10.balances().accountId()).isEqualTo(10);
            assertThat(account10.balances().debitsPosted()).isEqualTo(140);
            assertThat(account10.ledger()).isEqualTo(156);
            // A cursor in the middle of a batch resumes after it, into the next batch.
            assertThat(reader.changes(5, 4, 2).changes()).extracting(c -> c.index() + "-" + c.seq())
                    .containsExactly("5-5", "6-0");
            assertThat(reader.changes(6, 2, 10).changes()).isEmpty();
            // A transfer between accounts that keep no history is streamed without balances.
            h.setApplyingIndex(6);
            h.commit(List.of(transfer(9, 40, 50, 3, 65)), List.of(), List.of());
            // A read waits for the index it began at, 6, which the first part of entry 6 reached already:
            // the second part is indexed a moment later.
            List<Change> after = reader.changes(6, 2, 10).changes();
            for (long deadline = System.nanoTime() + 10_000_000_000L; after.isEmpty() && System.nanoTime() < deadline; ) {
                Thread.onSpinWait();
                after = reader.changes(6, 2, 10).changes();
            }
            Change.TransferChange bare = (Change.TransferChange) after.get(0);
            assertThat(bare.transfer()).isEqualTo(transfer(9, 40, 50, 3, 65));
            assertThat(bare.debit()).isNull();
            assertThat(bare.credit()).isNull();
            assertThat(bare.seq()).isEqualTo(3); // a second part of log entry 6 goes on numbering it

            CompletableFuture<Void> more = reader.indexedPast(6);
            assertThat(more).isNotDone();
            h.setApplyingIndex(7);
            h.commit(List.of(transfer(4, 30, 10, 1, 70)), List.of(event(30, 70, 4, 1, 40), event(10, 70, 4, 140, 8)),
                    List.of());
            more.get(10, TimeUnit.SECONDS);
            assertThat(reader.changes(6, 3, 10).changes()).extracting(c -> c.index() + "-" + c.seq())
                    .containsExactly("7-0", "7-1", "7-2");
        }
    }

    @Test
    void aSnapshotCarriesTheChangeRecords() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("snap"));
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("a")), IndexerSteps.none(),
                "a");
             ProjectedHistory copy = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("b")),
                     IndexerSteps.none(), "b")) {
            h.setApplyingIndex(3);
            h.commit(List.of(transfer(1, 10, 20, 5, 50)), List.of(event(10, 50, 1, 5, 0), event(20, 50, 1, 0, 5)),
                    List.of());
            h.checkpoint(dir.resolve("snap"));

            copy.restoreFrom(dir.resolve("snap"), 3);

            assertThat(copy.reader().changes(0, -1, 10).changes()).hasSize(3);
        }
    }
}
