package io.atta.cluster.history;

import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A tail batch's id table answers the last position of each id in the batch, and -1 for others. */
class BatchIdsTest {
    @Test
    void agreesWithAMapOfLastPositionsOnSeededBatches() {
        SplittableRandom random = new SplittableRandom(8190);
        for (int round = 0; round < 30; round++) {
            int n = random.nextInt(9_000);
            List<TransferRecord> records = new ArrayList<>(n);
            Map<Long, Integer> last = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long id = round % 3 == 0 ? 1 + random.nextInt(Math.max(1, n / 4)) : 1 + random.nextLong(Long.MAX_VALUE - 1);
                records.add(new TransferRecord(id, 1, 2, 3, 156, 1, 0, 0, 0, 0, i, PendingStatus.none, 1, 2, 3, 156));
                last.put(id, i);
            }
            BatchIds ids = new BatchIds(records);
            for (Map.Entry<Long, Integer> e : last.entrySet()) {
                assertThat(ids.positionOf(e.getKey())).isEqualTo(e.getValue());
            }
            for (int k = 0; k < 1_000; k++) {
                long other = -1 - random.nextLong(Long.MAX_VALUE);
                assertThat(ids.positionOf(other)).isEqualTo(-1);
            }
            assertThat(ids.positionOf(0)).isEqualTo(-1);
        }
    }
}
