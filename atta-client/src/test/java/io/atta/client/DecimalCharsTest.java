package io.atta.client;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalCharsTest {
    @Test
    void amountsAgreeWithTheCoreFormatter() {
        SplittableRandom random = new SplittableRandom(42);
        char[] out = new char[24];
        long[] edges = {0, 1, 9, 10, 99, 100, 101, 1234, Long.MAX_VALUE};
        for (Currency c : Currency.values()) {
            for (long v : edges) {
                assertThat(new String(out, 0, DecimalChars.amount(v, c.scale(), out)))
                        .isEqualTo(Amounts.format(v, c));
            }
            for (int i = 0; i < 10_000; i++) {
                long v = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
                assertThat(new String(out, 0, DecimalChars.amount(v, c.scale(), out)))
                        .as("seed 42, value %d %s", v, c).isEqualTo(Amounts.format(v, c));
            }
        }
    }

    @Test
    void idsRoundTrip() {
        char[] out = new char[24];
        for (long v : new long[]{0, 7, 1L << 53, Long.MAX_VALUE}) {
            int n = DecimalChars.unsigned(v, out);
            assertThat(new String(out, 0, n)).isEqualTo(Long.toString(v));
            assertThat(DecimalChars.parseUnsigned(out, 0, n)).isEqualTo(v);
        }
    }

    @Test
    void malformedIdsAreRefused() {
        assertThatThrownBy(() -> DecimalChars.parseUnsigned("9223372036854775808".toCharArray(), 0, 19))
                .isInstanceOf(AttaClientException.class);
        assertThatThrownBy(() -> DecimalChars.parseUnsigned("-1".toCharArray(), 0, 2))
                .isInstanceOf(AttaClientException.class);
        assertThatThrownBy(() -> DecimalChars.parseUnsigned(new char[0], 0, 0))
                .isInstanceOf(AttaClientException.class);
    }
}
