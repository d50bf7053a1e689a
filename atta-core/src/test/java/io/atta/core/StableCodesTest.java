package io.atta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.auth.Role;
import io.atta.core.command.RecordDelivery;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.core.trade.TradeStatus;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The codes that logs, snapshots and the wire hold in place of these enums. Each list is the
 * released order: a value moved, renamed or renumbered fails here, because a recorded log would
 * read differently. New values append.
 */
class StableCodesTest {

    @Test
    void coreEnumsKeepTheirReleasedCodes() {
        assertThat(Arrays.stream(Role.values()).map(r -> r.name() + "=" + r.code())).containsExactly("admin=0",
                "channel=1", "merchant=2", "user=3", "fund_manager=4", "reporting=5", "lender=6", "insurer=7");
        for (Role r : Role.values()) {
            assertThat(Role.ofCode(r.code())).isSameAs(r);
        }
        released(io.atta.core.lending.RepaymentMethod.values(), io.atta.core.lending.RepaymentMethod::ofCode,
                "equal_installment", "equal_principal", "interest_first");
        released(io.atta.core.insurance.InsuranceKind.values(), io.atta.core.insurance.InsuranceKind::ofCode,
                "return_shipping", "account_security", "mutual_aid");
        released(io.atta.core.insurance.PremiumPayer.values(), io.atta.core.insurance.PremiumPayer::ofCode, "buyer",
                "seller");
        released(RecordDelivery.Outcome.values(), RecordDelivery.Outcome::ofCode, "delivered", "retry", "abandoned");
        released(TradeOp.values(), TradeOp::ofCode, "ship", "confirm", "extendConfirm", "closeOrder", "closeUnpaid",
                "requestRefund", "agreeRefund", "rejectRefund", "cancelRefund", "dispute", "decideDispute", "refund");
        released(TradeKind.values(), TradeKind::ofCode, "escrow", "instant");
        released(GoodsType.values(), GoodsType::ofCode, "physical", "surface_mail", "virtual", "auto_delivery");
        released(TradeStatus.values(), TradeStatus::ofCode, "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS",
                "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED", "TRADE_SUCCESS");
        released(RefundStatus.values(), RefundStatus::ofCode, "requested", "rejected", "disputed", "refunded",
                "denied", "cancelled");
        released(TradeEventType.values(), TradeEventType::ofCode, "created", "bound_to_buyer", "paid", "shipped",
                "confirm_extended", "confirmed", "auto_confirmed", "closed", "auto_closed", "refund_requested",
                "refund_rejected", "refund_cancelled", "refund_disputed", "refunded", "refund_auto_granted",
                "dispute_denied", "refund_window_ended");
    }

    @Test
    void fundingSourcesKeepTheirCodesAndNeverTakeOneTheEngineOnceRefused() {
        assertThat(Arrays.stream(Funding.values()).map(f -> f.name() + "=" + f.code()))
                .containsExactly("wallet=0", "fund=16", "credit_pay=17");
        for (int code = 1; code < 16; code++) {
            assertThat(Funding.hasCode(code)).as("code %d was answered funding_source_unsupported", code).isFalse();
        }
    }

    @Test
    void currenciesKeepTheirPlaceInHouseAccountIds() {
        assertThat(Arrays.stream(Currency.values()).map(c -> c.name() + "=" + c.code()))
                .containsExactlyInAnyOrder("CNY=0", "USD=1", "EUR=2", "HKD=3", "JPY=4");
    }

    @Test
    void anUnknownCodeIsBrokenDataNotAValue() {
        assertThatThrownBy(() -> TradeOp.ofCode(12)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown TradeOp code 12");
        assertThatThrownBy(() -> TradeKind.ofCode(-1)).isInstanceOf(IllegalStateException.class);
        assertThat(Role.hasCode(4)).isTrue();
        assertThat(Role.hasCode(99)).isFalse();
    }

    @Test
    void aTableRefusesARepeatedOrNegativeCode() {
        assertThatThrownBy(() -> new CodeTable<>(Twice.values())).hasMessage("Twice.b repeats the code 1 of a");
        assertThatThrownBy(() -> new CodeTable<>(Negative.values())).hasMessageContaining("negative code -1");
    }

    /**
     * Asserts that {@code names[i]} has code {@code i}, that every value is named (so none was
     * added without a place in the list), that codes are unique and round-trip.
     */
    static <E extends Enum<E> & StableCode> void released(E[] values, IntFunction<E> ofCode, String... names) {
        String type = values[0].getDeclaringClass().getSimpleName();
        for (int code = 0; code < names.length; code++) {
            assertThat(ofCode.apply(code).name()).as("%s code %d", type, code).isEqualTo(names[code]);
        }
        assertThat(Arrays.stream(values).map(Enum::name)).as(type + " values").containsExactlyInAnyOrder(names);
        for (E v : values) {
            assertThat(ofCode.apply(v.code())).as("%s.%s round-trips", type, v.name()).isSameAs(v);
        }
        assertThat(Arrays.stream(values).mapToInt(StableCode::code).distinct().count()).as(type + " codes unique")
                .isEqualTo(values.length);
        assertThat(List.of(names)).doesNotHaveDuplicates();
    }

    private enum Twice implements StableCode {
        a, b;

        @Override
        public int code() {
            return 1;
        }
    }

    private enum Negative implements StableCode {
        a;

        @Override
        public int code() {
            return -1;
        }
    }
}
