package io.atta.server.json;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.server.http.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot-path amount parser accepts exactly what {@link Amounts#parse} accepts, with the same values and messages. */
class AmountTextTest {
    private static final String[] table = {
        "0", "1", "12.34", "12.3", "12.30", "12.340", "12.345", "0.01", "0.001", ".5", "5.", ".", "-", "-1", "-0",
        "-0.00", "-.5", "007.50", "1.2.3", "1e3", "+1", " 1", "1 ", "", "abc", "12a", "92233720368547758.07",
        "92233720368547758.08", "9223372036854775807", "99999999999999999999999", "1234567890123456789012345",
        "0.000000000000000000000", "100", "1.", "00", "--1", "1-",
    };

    @Test
    void agreesWithAmountsOnATableOfEdgeCases() {
        for (Currency c : Currency.values()) {
            for (String text : table) {
                assertSame(text, c);
            }
        }
    }

    @Test
    void agreesWithAmountsOnRandomTexts() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "0123456789.-0000099";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(26);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Currency c = Currency.values()[random.nextInt(Currency.values().length)];
            assertThat(outcome(b.toString(), c, true)).as("seed %d, %s %s", seed, b, c)
                    .isEqualTo(outcome(b.toString(), c, false));
        }
    }

    private static void assertSame(String text, Currency c) {
        assertThat(outcome(text, c, true)).as("\"%s\" %s", text, c).isEqualTo(outcome(text, c, false));
    }

    /** The value, or the message of the refusal, from either parser. */
    private static List<Object> outcome(String text, Currency c, boolean fast) {
        List<Object> out = new ArrayList<>();
        try {
            out.add(fast ? AmountText.parse(text, c, "amount") : Amounts.parse(text, c));
        } catch (ApiException e) {
            out.add(e.getMessage().substring("amount ".length()));
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        return out;
    }

    @Test
    void namesTheFieldInItsRefusals() {
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> AmountText.parsePositive("0", Currency.CNY, "transfers[3].amount"));
        assertThat(e.field()).isEqualTo("transfers[3].amount");
        assertThat(e.getMessage()).isEqualTo("transfers[3].amount must be greater than zero");
        assertThat(AmountText.parsePositive("88.88", Currency.CNY, "amount")).isEqualTo(8888);
        assertThat(AmountText.parsePositive("88", Currency.JPY, "amount")).isEqualTo(88);
    }
}
