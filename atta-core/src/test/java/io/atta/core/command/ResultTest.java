package io.atta.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result codes are part of the log, snapshot and wire formats: they never move. */
class ResultTest {
    /**
     * The core results in code order, as released. Recorded logs, snapshots and history hold these
     * codes; a change to this list is a format change, so append only.
     */
    private static final List<String> released = List.of(
            "ok", "exists", "exists_with_different_fields", "id_must_not_be_zero", "flags_are_mutually_exclusive",
            "flags_unknown", "code_must_not_be_zero", "user_not_found", "user_exists", "account_id_not_in_owner_slot",
            "account_id_reserved", "account_already_closed", "debit_account_id_must_not_be_zero",
            "credit_account_id_must_not_be_zero", "accounts_must_be_different", "amount_must_not_be_zero",
            "pending_id_must_not_be_zero", "pending_id_must_be_zero", "timeout_reserved_for_pending_transfer",
            "timeout_too_large", "account_not_found", "currency_mismatch", "account_closed", "insufficient_funds",
            "exceeds_debits", "overflow", "pending_not_found", "pending_transfer_not_pending",
            "pending_account_mismatch", "exceeds_pending_amount", "void_amount_must_match_pending",
            "pending_already_posted", "pending_already_voided", "pending_expired", "linked_event_failed",
            "linked_event_chain_open", "accounts_on_different_shards", "debit_account_not_owned",
            "account_not_owned", "transaction_in_flight", "transaction_aborted", "transaction_not_found",
            "cross_shard_pending_not_supported", "merchant_not_found", "settlement_account_invalid",
            "fee_rate_too_high", "trade_not_found", "trade_buyer_mismatch", "trade_closed", "trade_pay_timed_out",
            "trade_status_invalid", "trade_party_invalid", "refund_exceeds_remaining", "refund_not_found",
            "refund_in_progress", "refund_status_invalid", "too_many_refunds", "confirm_extension_too_large",
            "funding_source_unsupported", "notification_not_found", "transfer_id_reserved", "account_platform_owned",
            "app_id_not_in_merchant_slot", "refund_window_ended", "key_not_found", "key_owner_invalid",
            "channel_not_found", "withdrawal_not_found", "withdrawal_not_pending", "account_has_balance",
            "account_has_pending", "account_has_open_trades", "account_in_use", "account_not_closed",
            "buyer_is_seller", "transfer_id_not_in_shard_slot");

    @Test
    void coreCodesAreTheReleasedOnes() {
        for (int code = 0; code < released.size(); code++) {
            assertThat(Result.ofCode(code).apiName()).as("code %d", code).isEqualTo(released.get(code));
        }
        List<String> core = new ArrayList<>();
        for (Result r : Result.all()) {
            if (ResultRange.core.contains(r.code())) {
                core.add(r.apiName());
            }
        }
        assertThat(core).as("core results beyond the released list are appended to it")
                .startsWith(released.toArray(String[]::new));
    }

    @Test
    void everyConstantIsRegisteredUnderItsFieldName() throws IllegalAccessException {
        int constants = 0;
        for (Field f : Result.class.getFields()) {
            if (f.getType() == Result.class && Modifier.isStatic(f.getModifiers())) {
                Result r = (Result) f.get(null);
                assertThat(r.apiName()).isEqualTo(f.getName());
                assertThat(Result.ofCode(r.code())).isSameAs(r);
                assertThat(Result.ofName(f.getName())).isSameAs(r);
                constants++;
            }
        }
        assertThat(constants).isEqualTo(released.size());
    }

    @Test
    void aModuleDefinesItsResultsInsideItsBlock() {
        Result r = ResultRange.test.define(9042, "test_widget_jammed");
        assertThat(r.code()).isEqualTo(9042);
        assertThat(Result.ofCode(9042)).isSameAs(r);
        assertThat(Result.ofName("test_widget_jammed")).isSameAs(r);
        assertThat(Result.all()).contains(r).last().isSameAs(r);
    }

    @Test
    void aDefinitionOutsideItsBlockOrTakingACodeOrNameIsRefused() {
        assertThatThrownBy(() -> ResultRange.fund.define(1100, "fund_closed"))
                .hasMessageContaining("outside the wealth fund block 1000..1099");
        assertThatThrownBy(() -> ResultRange.test.define(8999, "test_too_low")).hasMessageContaining("outside");
        assertThatThrownBy(() -> ResultRange.core.define(Result.ok.code(), "ok_again"))
                .hasMessageContaining("code 0 is taken by ok");
        assertThatThrownBy(() -> ResultRange.test.define(9001, "insufficient_funds"))
                .hasMessageContaining("name insufficient_funds is taken by code 23");
        assertThatThrownBy(() -> ResultRange.test.define(9002, "Not_Lower")).hasMessageContaining("lower-case");
        assertThat(Result.ofName("ok_again")).isNull();
        assertThatThrownBy(() -> Result.ofCode(9001)).hasMessageContaining("unknown result code 9001");
    }

    @Test
    void unknownCodesAndNamesAreNotResults() {
        assertThatThrownBy(() -> Result.ofCode(199)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Result.ofCode(-1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Result.ofCode(Result.codeLimit)).isInstanceOf(IllegalStateException.class);
        assertThat(Result.ofName("no_such_result")).isNull();
    }

    @Test
    void theBlocksDoNotOverlapAndFitTheCodeLimit() {
        ResultRange[] ranges = ResultRange.values();
        for (int i = 0; i < ranges.length; i++) {
            assertThat(ranges[i].first()).isLessThanOrEqualTo(ranges[i].last());
            assertThat(ranges[i].last()).isLessThan(Result.codeLimit);
            if (i > 0) {
                assertThat(ranges[i].first()).as(ranges[i].name()).isGreaterThan(ranges[i - 1].last());
            }
        }
    }
}
