package io.atta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.StableCode;
import io.atta.engine.channel.WithdrawalStatus;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.credit.ScoreReason;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransactionState;
import io.atta.engine.wealth.FundRequest;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The codes snapshots, history and the state hash hold in place of the engine's enums, in their
 * released order: a value moved, renamed or renumbered fails here. New values append.
 */
class EngineStableCodesTest {

    @Test
    void engineEnumsKeepTheirReleasedCodes() {
        expect(PendingStatus.values(), PendingStatus::ofCode, "none", "pending", "posted", "voided", "expired");
        expect(TransactionState.values(), TransactionState::ofCode, "preparing", "committed", "aborted", "unknown");
        expect(WithdrawalStatus.values(), WithdrawalStatus::ofCode, "pending", "confirmed", "failed", "expired");
        expect(BalanceEvent.Kind.values(), BalanceEvent.Kind::ofCode, "opened", "expired", "resolved");
        expect(FundRequest.Kind.values(), FundRequest.Kind::ofCode, "subscription", "fastRedemption",
                "normalRedemption");
        expect(ScoreReason.values(), ScoreReason::ofCode, "defaults_on_record", "late_repayments", "overdue_now",
                "short_repayment_history", "low_payment_activity", "low_balances", "identity_not_verified",
                "new_account", "few_counterparties", "many_refunds");
    }

    /** {@code names[i]} has code {@code i}, every value is listed, every value round-trips. */
    private static <E extends Enum<E> & StableCode> void expect(E[] values, IntFunction<E> ofCode, String... names) {
        for (int code = 0; code < names.length; code++) {
            assertThat(ofCode.apply(code).name()).as("code %d", code).isEqualTo(names[code]);
        }
        assertThat(Arrays.stream(values).map(Enum::name)).containsExactlyInAnyOrder(names);
        for (E v : values) {
            assertThat(ofCode.apply(v.code())).isSameAs(v);
        }
    }
}
