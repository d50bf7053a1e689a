package io.atta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "12.34, CNY, 1234",
        "0.01, CNY, 1",
        "100, CNY, 10000",
        "100.5, USD, 10050",
        "12.340, EUR, 1234",
        "5, JPY, 5",
        "5.00, JPY, 5",
        "92233720368547758.07, CNY, 9223372036854775807",
        "9223372036854775807, JPY, 9223372036854775807",
    })
    void parsesPlainDecimalStrings(String text, String currency, long minorUnits) {
        assertThat(Amounts.parsePositive(text, Currency.valueOf(currency))).isEqualTo(minorUnits);
        assertThat(Amounts.parse(text, Currency.valueOf(currency))).isEqualTo(minorUnits);
    }

    @ParameterizedTest(name = "\"{0}\" {1} refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "12.345 | CNY | decimal places",
        "0.001 | USD | decimal places",
        "0.5 | JPY | decimal places",
        "-1 | CNY | negative",
        "-0.01 | CNY | negative",
        "1e3 | CNY | plain decimal",
        "1E3 | CNY | plain decimal",
        "abc | CNY | plain decimal",
        "+1 | CNY | plain decimal",
        "1 000 | CNY | plain decimal",
        "1,00 | CNY | plain decimal",
        "0x10 | CNY | plain decimal",
        "1-2 | CNY | plain decimal",
        "1.2.3 | CNY | decimal string",
        ". | CNY | decimal string",
        "- | CNY | negative",
        "-0 | CNY | negative",
        ".5 | CNY | decimal string",
        "5. | CNY | decimal string",
        "92233720368547758.08 | CNY | too large",
        "9223372036854775808 | JPY | too large",
        "1234567890123456789012345 | JPY | longer than 24",
        "0000000000000000000000001 | JPY | longer than 24",
    })
    void refusesWhatIsNotAnAmountOfTheCurrency(String text, String currency, String why) {
        assertThatThrownBy(() -> Amounts.parse(text, Currency.valueOf(currency)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.0"})
    void zeroIsAnAmountButNotAPositiveOne(String text) {
        assertThat(Amounts.parse(text, Currency.CNY)).isZero();
        assertThatThrownBy(() -> Amounts.parsePositive(text, Currency.CNY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greater than zero");
    }

    @Test
    void refusesEmptyAndMissingText() {
        assertThatThrownBy(() -> Amounts.parse("", Currency.CNY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Amounts.parse(null, Currency.CNY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Amounts.parsePositive("", Currency.JPY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheLongestAllowedTextAndNoLonger() {
        String longest = "0".repeat(Amounts.maxAmountTextLength - 1) + "7";

        assertThat(Amounts.parse(longest, Currency.JPY)).isEqualTo(7);
        assertThatThrownBy(() -> Amounts.parse("0" + longest, Currency.JPY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{1} {0} formats as {2}")
    @CsvSource({
        "CNY, 1234, 12.34",
        "CNY, 1, 0.01",
        "CNY, 0, 0.00",
        "USD, 10000, 100.00",
        "JPY, 5, 5",
        "CNY, 9223372036854775807, 92233720368547758.07",
    })
    void formatsWithExactlyTheCurrencyScaleAndParsesBack(String currency, long minorUnits, String text) {
        Currency c = Currency.valueOf(currency);

        assertThat(Amounts.format(minorUnits, c)).isEqualTo(text);
        assertThat(Amounts.parse(Amounts.format(minorUnits, c), c)).isEqualTo(minorUnits);
    }
}
