package io.atta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void composeSplitsBackIntoSlotAndLocal() {
        int[] slots = {0, 1, 5, 512, Ids.slotCount - 1};
        long[] locals = {0, 1, Ids.firstUserLocalId - 1, Ids.firstUserLocalId, 123_456_789L, Ids.localMask};
        for (int slot : slots) {
            for (long local : locals) {
                long id = Ids.compose(slot, local);

                assertThat(id).as("slot %d local %d", slot, local).isNotNegative();
                assertThat(Ids.slotOf(id)).isEqualTo(slot);
                assertThat(Ids.localOf(id)).isEqualTo(local);
            }
        }
    }

    @Test
    void theLayoutMatchesTheDocumentedBits() {
        assertThat(Ids.slotCount).isEqualTo(1024);
        assertThat(Ids.compose(1, 0)).isEqualTo(1L << 53);
        assertThat(Ids.compose(Ids.slotCount - 1, Ids.localMask)).isEqualTo(Long.MAX_VALUE);
        assertThat(Ids.firstUserLocalId).isEqualTo(1L << 20);
    }

    @Test
    void composeRefusesOutOfRangeParts() {
        assertThatThrownBy(() -> Ids.compose(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ids.compose(Ids.slotCount, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ids.compose(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ids.compose(0, Ids.localMask + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userRangeExcludesZeroNegativesAndHouseIds() {
        assertThat(Ids.isUserRange(0)).isFalse();
        assertThat(Ids.isUserRange(-5)).isFalse();
        assertThat(Ids.isUserRange(Long.MIN_VALUE)).isFalse();
        assertThat(Ids.isUserRange(Ids.compose(7, 1))).isFalse();
        assertThat(Ids.isUserRange(Ids.compose(7, Ids.firstUserLocalId - 1))).isFalse();
        assertThat(Ids.isUserRange(Ids.compose(7, Ids.firstUserLocalId))).isTrue();
        assertThat(Ids.isUserRange(Ids.compose(0, Ids.firstUserLocalId))).isTrue();
        assertThat(Ids.isUserRange(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void slotForHashStaysInRangeIsStableAndSpreadsNeighbours() {
        Set<Integer> seen = new HashSet<>();
        for (long v = -5_000; v < 5_000; v++) {
            int slot = Ids.slotForHash(v);
            assertThat(slot).isBetween(0, Ids.slotCount - 1);
            assertThat(Ids.slotForHash(v)).isEqualTo(slot);
            seen.add(slot);
        }
        // 10,000 consecutive values over 1,024 slots: a mixing hash leaves almost none empty.
        assertThat(seen.size()).isGreaterThan(1_000);
        assertThat(Ids.slotForHash(1)).isNotEqualTo(Ids.slotForHash(2));
        assertThat(Ids.slotForHash(Long.MIN_VALUE)).isBetween(0, Ids.slotCount - 1);
    }
}
