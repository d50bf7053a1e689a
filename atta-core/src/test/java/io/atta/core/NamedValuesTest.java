package io.atta.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API names of flags, currencies and results, which clients see and send. */
class NamedValuesTest {

    @Test
    void transferFlagNamesRoundTrip() {
        for (String name : List.of("linked", "pending", "post_pending", "void_pending")) {
            int bit = TransferFlags.ofName(name);
            assertThat(bit).as(name).isPositive();
            assertThat(TransferFlags.names(bit)).containsExactly(name);
        }
        assertThat(TransferFlags.ofName("closed")).isEqualTo(-1);
        assertThat(TransferFlags.names(TransferFlags.all))
                .containsExactly("linked", "pending", "post_pending", "void_pending");
    }

    @Test
    void accountFlagNamesRoundTripAndClosedIsNotCreatable() {
        for (String name : List.of("debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "history")) {
            int bit = AccountFlags.ofName(name);
            assertThat(bit).as(name).isPositive();
            assertThat(bit & AccountFlags.creatable).isEqualTo(bit);
            assertThat(AccountFlags.names(bit)).containsExactly(name);
        }
        assertThat(AccountFlags.closed & AccountFlags.creatable).isZero();
        assertThat(AccountFlags.ofName("linked")).isEqualTo(-1);
    }

    @Test
    void currenciesAreFoundByCodeAndLedger() {
        for (Currency c : Currency.values()) {
            assertThat(Currency.ofCode(c.name().toLowerCase())).isEqualTo(c);
            assertThat(Currency.ofLedger(c.ledger())).isEqualTo(c);
        }
        assertThat(Currency.CNY.ledger()).isEqualTo(156);
        assertThat(Currency.JPY.scale()).isZero();
        assertThat(Currency.ofCode("XXX")).isNull();
        assertThat(Currency.ofCode(null)).isNull();
        assertThat(Currency.ofLedger(0)).isNull();
    }

    @Test
    void resultsRoundTripThroughTheirCodeAndShowLowerCaseNames() {
        for (Result r : Result.all()) {
            assertThat(Result.ofCode(r.code())).isSameAs(r);
            assertThat(Result.ofName(r.apiName())).isSameAs(r);
            assertThat(r.apiName()).isEqualTo(r.toString()).matches("[a-z_]+");
        }
    }
}
