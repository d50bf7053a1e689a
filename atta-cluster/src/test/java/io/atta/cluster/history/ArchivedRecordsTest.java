package io.atta.cluster.history;

import io.atta.engine.shard.RecordArchive;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules' final records (trades, orders) in the history projection: found in the tail before
 * the indexer stores them and in the store after, listed from both, and carried by a snapshot
 * (with or without the id filter file).
 */
class ArchivedRecordsTest {
    private static final byte trade = 'T';
    private static final byte order = 'O';
    private static final byte ofMerchant = 'M';
    private static final long merchant = 77;

    @TempDir
    Path dir;

    private static RecordArchive.Entry order(long id, long createdAt, String text) {
        return new RecordArchive.Entry(order, id, text.getBytes(), createdAt, new byte[] {ofMerchant},
                new long[] {merchant});
    }

    /** Puts the entries as the batch at {@code index} does: during apply, then the batch's commit. */
    private static void batch(ProjectedHistory h, long index, RecordArchive.Entry... entries) {
        h.setApplyingIndex(index);
        for (RecordArchive.Entry e : entries) {
            h.put(e);
        }
        h.commit(List.of(), List.of(), List.of());
    }

    private static List<Long> newest(RecordArchive a, long before, int limit) {
        LongArrayList out = new LongArrayList();
        a.list(ofMerchant, merchant, before, limit, out);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (!ids.contains(out.getLong(i))) {
                ids.add(out.getLong(i));
            }
        }
        ids.sort((x, y) -> Long.compare(y, x)); // ids here rise with creation time
        return ids.subList(0, Math.min(limit, ids.size()));
    }

    @Test
    void aRecordIsFoundAndListedFromTheTailThenFromTheStore() {
        ProjectedHistoryTest.Gate gate = new ProjectedHistoryTest.Gate();
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), gate, "test", 1_000)) {
            batch(h, 1, order(1, 100, "one"), order(2, 200, "two"));
            batch(h, 2, order(3, 300, "three"), new RecordArchive.Entry(trade, 3, "paid".getBytes(), 300,
                    new byte[0], new long[0]));
            assertThat(h.indexedIndex()).as("the indexer is held").isZero();
            assertThat(new String(h.find(order, 2))).isEqualTo("two");
            assertThat(new String(h.find(trade, 3))).isEqualTo("paid");
            assertThat(h.find(trade, 2)).as("kinds are apart").isNull();
            assertThat(newest(h, Long.MAX_VALUE, 2)).containsExactly(3L, 2L);

            gate.permits.release(1);
            h.awaitIndexed(1);
            assertThat(new String(h.find(order, 1))).as("stored").isEqualTo("one");
            assertThat(newest(h, Long.MAX_VALUE, 10)).as("store and tail").containsExactly(3L, 2L, 1L);
            assertThat(newest(h, 300, 10)).as("created before 300").containsExactly(2L, 1L);

            gate.permits.release(10);
            batch(h, 3, order(2, 200, "two, closed"));
            h.drain();
            assertThat(new String(h.find(order, 2))).as("the newest version").isEqualTo("two, closed");
            assertThat(newest(h, Long.MAX_VALUE, 10)).as("listed once").containsExactly(3L, 2L, 1L);
            assertThat(h.find(order, 99)).isNull();
        }
    }

    @Test
    void aSnapshotCarriesTheRecordsWithOrWithoutItsIdFilter() throws Exception {
        Path snapshot = dir.resolve("snapshot");
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), IndexerSteps.none(),
                "test", 1_000)) {
            for (int i = 1; i <= 50; i++) {
                batch(h, i, order(i, i * 10L, "order " + i));
            }
            Files.createDirectories(snapshot);
            h.checkpoint(snapshot);
        }
        for (boolean withFilter : new boolean[] {true, false}) {
            if (!withFilter) {
                Files.delete(snapshot.resolve(ProjectedHistory.filterFile));
            }
            try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("r" + withFilter)),
                    IndexerSteps.none(), "test", 1_000)) {
                h.restoreFrom(snapshot, 50);
                for (int i = 1; i <= 50; i++) {
                    assertThat(new String(h.find(order, i))).as("order %d, filter %s", i, withFilter)
                            .isEqualTo("order " + i);
                }
                assertThat(newest(h, 205, 3)).containsExactly(20L, 19L, 18L);
            }
        }
    }

    /** A module that loads an older snapshot section moves its final records out before the history is restored. */
    @Test
    void aRecordPutWhileASnapshotLoadsIsFoundAfterTheRestoreAndItsBatch() throws Exception {
        Path snapshot = dir.resolve("snapshot");
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("h")), IndexerSteps.none(),
                "test", 1_000)) {
            batch(h, 1, order(1, 10, "one"));
            Files.createDirectories(snapshot);
            h.checkpoint(snapshot);
        }
        try (ProjectedHistory h = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("r")), IndexerSteps.none(),
                "test", 1_000)) {
            h.put(order(2, 20, "migrated"));
            h.restoreFrom(snapshot, 1);
            batch(h, 2);
            h.drain();
            assertThat(new String(h.find(order, 2))).isEqualTo("migrated");
            assertThat(new String(h.find(order, 1))).isEqualTo("one");
        }
    }

    @Test
    void aBareStoreFindsWhatTheBatchPutBeforeItsCommitAndWritesItWithTheCommit() {
        try (RocksHistory store = RocksHistory.openEmpty(dir.resolve("bare"))) {
            store.setApplyingIndex(1);
            store.put(order(5, 50, "five"));
            assertThat(new String(store.find(order, 5))).isEqualTo("five");
            store.commit(List.of(), List.of(), List.of());
            assertThat(new String(store.find(order, 5))).isEqualTo("five");
            assertThat(newest(store, Long.MAX_VALUE, 5)).containsExactly(5L);
        }
    }
}
