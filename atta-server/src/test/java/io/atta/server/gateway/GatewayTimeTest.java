package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

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
}
