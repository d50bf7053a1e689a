package io.atta.client;

import io.atta.core.Ids;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountIdsTest {
    @Test
    void accountIdsCarryTheOwnersSlotAndAvoidTheHouseRange() {
        long user = Ids.compose(517, Ids.firstUserLocalId + 99);

        long first = AccountIds.forOwner(user, 0);
        long tenth = AccountIds.forOwner(user, 9);

        assertThat(Ids.slotOf(first)).isEqualTo(517);
        assertThat(first >>> 53).isEqualTo(user >>> 53);
        assertThat(Ids.localOf(first)).isEqualTo(Ids.firstUserLocalId);
        assertThat(Ids.localOf(tenth)).isEqualTo(Ids.firstUserLocalId + 9);
        assertThat(Ids.isUserRange(first)).isTrue();
        assertThatThrownBy(() -> AccountIds.forOwner(user, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
