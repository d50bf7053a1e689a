package io.atta.client;

import io.atta.core.Ids;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountIdsTest {
    @Test
    void accountIdsCarryTheOwnersSlotAndStayInTheUserRange() {
        long user = Ids.compose(517, Ids.firstUserLocalId + 99);

        for (int n = 0; n < 100; n++) {
            long id = AccountIds.forOwner(user, n);
            assertThat(Ids.slotOf(id)).isEqualTo(517);
            assertThat(Ids.isUserRange(id)).isTrue();
            assertThat(Ids.isPlatformId(id)).isFalse();
        }
        assertThatThrownBy(() -> AccountIds.forOwner(user, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameUserAndNumberNameTheSameAccountSoARetryIsIdempotent() {
        long user = Ids.compose(3, Ids.firstUserLocalId + 12345);

        assertThat(AccountIds.forOwner(user, 7)).isEqualTo(AccountIds.forOwner(user, 7));
    }

    @Test
    void twoUsersOfOneSlotNeverShareAnAccountId() {
        Set<Long> seen = new HashSet<>();
        for (int u = 0; u < 200; u++) {
            long user = Ids.compose(42, Ids.firstUserLocalId + 1000 + u);
            for (int n = 0; n < 50; n++) {
                assertThat(seen.add(AccountIds.forOwner(user, n))).as("user %d account %d", u, n).isTrue();
            }
        }
    }
}
