package io.atta.cluster.history;

import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history writes a batch's records in id order; two records of one id in a batch (a pending
 * transfer and its update) keep their order, so the store answers with the later one.
 */
class IdOrderTest {
    @TempDir
    Path dir;

    private static TransferRecord record(long id, long ts, PendingStatus status) {
        return new TransferRecord(id, 77, 88, 10, 156, 1, 0, 0, 0, 0, ts, status, 77, 88, 10, 156);
    }

    @Test
    void ordersByIdKeepingTheOrderOfRecordsOfOneId() {
        SplittableRandom random = new SplittableRandom(11);
        IdOrder order = new IdOrder();
        for (int round = 0; round < 20; round++) {
            int n = 1 + random.nextInt(5_000);
            List<TransferRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // Few distinct ids, so that many repeat; the timestamp is the position.
                records.add(record(1 + random.nextLong(round % 2 == 0 ? n / 3 + 1 : Long.MAX_VALUE - 1), i,
                        PendingStatus.none));
            }
            int[] sorted = order.sort(records);
            for (int k = 1; k < n; k++) {
                TransferRecord a = records.get(sorted[k - 1]);
                TransferRecord b = records.get(sorted[k]);
                assertThat(a.id()).isLessThanOrEqualTo(b.id());
                if (a.id() == b.id()) {
                    assertThat(a.timestamp()).as("records of one id keep their order").isLessThan(b.timestamp());
                }
            }
            assertThat(java.util.Arrays.stream(sorted, 0, n).distinct().count()).isEqualTo(n);
        }
    }

    @Test
    void theStoreHoldsTheLaterOfTwoRecordsOfOneIdInABatch() {
        try (RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"))) {
            List<TransferRecord> records = new ArrayList<>();
            for (long id = 100; id > 0; id--) {
                records.add(record(id, 1, PendingStatus.pending));
            }
            records.add(record(50, 2, PendingStatus.posted));
            h.setApplyingIndex(1);
            h.commit(records, List.of());
            assertThat(h.transfer(50)).get().extracting(TransferRecord::status).isEqualTo(PendingStatus.posted);
            assertThat(h.transfer(51)).get().extracting(TransferRecord::status).isEqualTo(PendingStatus.pending);
        }
    }
}
