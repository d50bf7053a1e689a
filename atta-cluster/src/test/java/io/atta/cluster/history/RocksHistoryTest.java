package io.atta.cluster.history;

import io.atta.cluster.ServiceException;
import io.atta.cluster.TransferRow;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history store on a real RocksDB: grouped balance events, paging, restore, and closing under readers. */
class RocksHistoryTest {
    private static final long account = 77;
    private static final long other = 88;

    @TempDir
    Path dir;

    private static TransferRecord transfer(long id, long ts) {
        return new TransferRecord(id, account, other, 10, 156, 1, 0, 0, 0, 0, ts, PendingStatus.none, account, other,
                10, 156);
    }

    /** Applies batches of transfers at timestamps {@code base + i}; account's posted debits grow by 10 each. */
    private static void batch(RocksHistory h, long index, long firstId, long firstTs, int n, long[] debits) {
        List<TransferRecord> records = new ArrayList<>();
        List<BalanceEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = firstTs + i;
            records.add(transfer(firstId + i, ts));
            debits[0] += 10;
            events.add(new BalanceEvent(account, ts, firstId + i, BalanceEvent.Kind.opened, 0, debits[0], 0, 0));
            events.add(new BalanceEvent(other, ts, firstId + i, BalanceEvent.Kind.opened, 0, 0, 0, debits[0]));
        }
        h.setApplyingIndex(index);
        h.commit(records, events);
    }

    private static List<Long> ids(List<TransferRow> rows) {
        return rows.stream().map(r -> r.transfer().id()).toList();
    }

    @Test
    void answersBalancesAtAnyTimeAndPagesNewestFirstAcrossBatches() {
        try (RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"))) {
            long[] debits = {0};
            batch(h, 1, 1, 1_000, 5, debits);   // ts 1000..1004
            batch(h, 2, 6, 2_000, 5, debits);   // ts 2000..2004
            assertThat(h.appliedIndex()).isEqualTo(2);

            assertThat(h.balanceAt(account, 999)).isEmpty();
            assertThat(h.balanceAt(account, 1_000).orElseThrow().debitsPosted()).isEqualTo(10);
            assertThat(h.balanceAt(account, 1_003).orElseThrow().debitsPosted()).isEqualTo(40);
            assertThat(h.balanceAt(account, 1_500).orElseThrow().debitsPosted()).isEqualTo(50);
            assertThat(h.balanceAt(account, 2_004).orElseThrow().debitsPosted()).isEqualTo(100);
            assertThat(h.balanceAt(other, Long.MAX_VALUE).orElseThrow().creditsPosted()).isEqualTo(100);

            assertThat(ids(h.accountTransfers(account, 0, Long.MAX_VALUE, 100)))
                    .containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
            // A page that ends inside the first batch, then the next page from its last timestamp.
            List<TransferRow> page = h.accountTransfers(account, 0, 2_002, 4);
            assertThat(ids(page)).containsExactly(7L, 6L, 5L, 4L);
            assertThat(ids(h.accountTransfers(account, 0, page.get(3).transfer().timestamp(), 4)))
                    .containsExactly(3L, 2L, 1L);
            assertThat(ids(h.accountTransfers(account, 1_003, 2_001, 100))).containsExactly(6L, 5L, 4L);
            assertThat(h.accountTransfers(12345, 0, Long.MAX_VALUE, 100)).isEmpty();

            Map<Long, TransferRecord> found = new HashMap<>();
            h.load(new long[] {3, 99, 10}, 3, found);
            assertThat(found.keySet()).containsExactlyInAnyOrder(3L, 10L);
        }
    }

    @Test
    void restoreReturnsExactlyTheCheckpointedState() {
        try (RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"))) {
            long[] debits = {0};
            batch(h, 1, 1, 1_000, 3, debits);
            h.checkpoint(dir.resolve("cp"));
            batch(h, 2, 4, 2_000, 3, debits);
            assertThat(h.transfer(5)).isPresent();
            h.restoreFrom(dir.resolve("cp"));
            assertThat(h.appliedIndex()).isEqualTo(1);
            assertThat(h.transfer(5)).isEmpty();
            assertThat(h.transfer(3)).isPresent();
            assertThat(h.balanceAt(account, Long.MAX_VALUE).orElseThrow().debitsPosted()).isEqualTo(30);
        }
        // The checkpoint itself was not changed by writes after the restore (its files are shared).
        try (RocksHistory copy = RocksHistory.openEmpty(dir.resolve("h2"))) {
            copy.restoreFrom(dir.resolve("cp"));
            assertThat(copy.appliedIndex()).isEqualTo(1);
        }
    }

    /** Waits (bounded) until the readers have read again, so that restores interleave with reads. */
    private static void awaitMoreReads(AtomicLong reads, ConcurrentLinkedQueue<Throwable> unexpected) {
        long before = reads.get();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (reads.get() < before + 3 && unexpected.isEmpty()) {
            assertThat(System.nanoTime()).as("readers made progress").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void readersRacingRestoresAndCloseSeeDataOrAClearRefusal() throws Exception {
        RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"));
        long[] debits = {0};
        batch(h, 1, 1, 1_000, 50, debits);
        h.checkpoint(dir.resolve("cp"));
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread r = new Thread(() -> {
                while (run.get()) {
                    try {
                        assertThat(h.transfer(25)).isPresent();
                        assertThat(h.accountTransfers(account, 0, Long.MAX_VALUE, 10)).hasSize(10);
                        reads.incrementAndGet();
                    } catch (ServiceException e) {
                        return; // closed: the only refusal allowed
                    } catch (Throwable e) {
                        unexpected.add(e);
                        return;
                    }
                }
            });
            r.start();
            readers.add(r);
        }
        for (int i = 0; i < 20; i++) {
            awaitMoreReads(reads, unexpected);
            h.restoreFrom(dir.resolve("cp"));
        }
        awaitMoreReads(reads, unexpected);
        h.close();
        run.set(false);
        for (Thread r : readers) {
            r.join(10_000);
        }
        assertThat(unexpected).isEmpty();
        assertThatThrownBy(() -> h.transfer(25)).isInstanceOf(ServiceException.class);
    }
}
