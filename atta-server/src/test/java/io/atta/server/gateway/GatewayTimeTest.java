package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayTimeTest {
    private static final Instant t = Instant.parse("2024-01-31T05:45:00Z"); // 13:45 in GMT+8

    @Test
    void formats_and_parses_in_gmt_plus_8() {
        assertThat(GatewayTime.format(t)).isEqualTo("2024-01-31 13:45:00");
        assertThat(GatewayTime.formatEpochNanos(t.getEpochSecond() * 1_000_000_000L + 999_999_999L))
                .isEqualTo("2024-01-31 13:45:00");
        assertThat(GatewayTime.format(Instant.parse("2024-01-31T16:00:00Z"))).isEqualTo("2024-02-01 00:00:00");
        assertThat(GatewayTime.parse("2024-01-31 13:45:00").value()).isEqualTo(t);
    }

    @Test
    void parsing_is_strict() {
        for (String bad : new String[] {null, "", "2024-01-31T13:45:00", "2024-1-31 13:45:00", "2024-02-30 10:00:00",
                "2024-01-31 24:00:00", "2024-01-31 13:45:00.123", "2024-01-31 13:45", "1706679900"}) {
            GatewayResult<Instant> r = GatewayTime.parse(bad);
            assertThat(r.isOk()).as(bad).isFalse();
            assertThat(r.error().subCode()).isEqualTo("isv.invalid-timestamp");
            assertThat(r.error().subMsg()).contains("yyyy-MM-dd HH:mm:ss");
        }
    }

    @Test
    void the_window_is_inclusive_either_side_and_names_its_limit() {
        Duration w = GatewayTime.defaultMaxSkew;
        assertThat(GatewayTime.checkWithin("2024-01-31 14:00:00", t, w).isOk()).isTrue();
        assertThat(GatewayTime.checkWithin("2024-01-31 13:30:00", t, w).isOk()).isTrue();

        GatewayResult<Instant> late = GatewayTime.checkWithin("2024-01-31 14:00:01", t, w);
        assertThat(late.isOk()).isFalse();
        assertThat(late.error().subCode()).isEqualTo("isv.invalid-timestamp");
        assertThat(late.error().subMsg()).contains("15 minutes").contains("2024-01-31 13:45:00");
        assertThat(GatewayTime.checkWithin("2024-01-31 13:29:59", t, w).isOk()).isFalse();
        assertThat(GatewayTime.checkWithin("2024-01-31 13:29:59", t, Duration.ofMinutes(16)).isOk()).isTrue();
    }

    /**
     * Parsing and formatting by position agree with the strict {@code uuuu-MM-dd HH:mm:ss}
     * formatter on seeded random instants and on texts with one character changed.
     */
    @Test
    void reading_by_position_agrees_with_the_strict_formatter() {
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withResolverStyle(ResolverStyle.STRICT);
        String alphabet = "0123456789-: T+x\u0661";
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
            String text = GatewayTime.format(at);
            assertThat(text).isEqualTo(strict.format(LocalDateTime.ofInstant(at, GatewayTime.zone)));
            assertThat(GatewayTime.parse(text).value()).isEqualTo(at);

            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String m = new String(mutated);
            Instant expected;
            try {
                expected = LocalDateTime.parse(m, strict).toInstant(GatewayTime.zone);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            GatewayResult<Instant> parsed = GatewayTime.parse(m);
            assertThat(parsed.isOk() ? parsed.value() : null).as(m).isEqualTo(expected);
        }
    }
}
