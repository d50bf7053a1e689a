package io.atta.server.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {
    private static final long s = 1_000_000_000L;

    @Test
    void the_standard_schedule_makes_eight_deliveries_over_about_a_day() {
        RetrySchedule r = RetrySchedule.standard;

        assertThat(r.maxDeliveries()).isEqualTo(8);
        assertThat(r.intervals()).containsExactly(Duration.ofSeconds(15), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6),
                Duration.ofHours(15));
        assertThat(r.intervals().stream().mapToLong(Duration::toMinutes).sum()).isBetween(23 * 60L, 25 * 60L);
    }

    @Test
    void each_failed_delivery_waits_its_interval_and_the_last_abandons() {
        RetrySchedule r = RetrySchedule.parse("15s,1m");

        assertThat(r.nextAttemptAt(1, 1000 * s)).isEqualTo(1015 * s);
        assertThat(r.nextAttemptAt(2, 1000 * s)).isEqualTo(1060 * s);
        assertThat(r.nextAttemptAt(3, 1000 * s)).isEqualTo(-1);
        assertThatThrownBy(() -> r.nextAttemptAt(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parses_every_unit_and_writes_back_what_it_read() {
        RetrySchedule r = RetrySchedule.parse("250ms, 2s,3m,4h,5d");

        assertThat(r.intervals()).isEqualTo(List.of(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMinutes(3), Duration.ofHours(4), Duration.ofDays(5)));
        assertThat(r.text()).isEqualTo("250ms,2s,3m,4h,5d");
        assertThat(RetrySchedule.standard.text()).isEqualTo(RetrySchedule.standardText);
    }

    @Test
    void refuses_what_is_not_a_schedule_and_names_the_rule() {
        assertThatThrownBy(() -> RetrySchedule.parse("")).hasMessageContaining("whole number and a unit");
        assertThatThrownBy(() -> RetrySchedule.parse("15")).hasMessageContaining("unit is ms, s, m, h or d");
        assertThatThrownBy(() -> RetrySchedule.parse("15s,,1m")).hasMessageContaining("got \"\"");
        assertThatThrownBy(() -> RetrySchedule.parse("-1s")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> RetrySchedule.parse("1.5s")).hasMessageContaining("unit");
        assertThatThrownBy(() -> RetrySchedule.parse("0s")).hasMessageContaining("between 1ms and 7d");
        assertThatThrownBy(() -> RetrySchedule.parse("8d")).hasMessageContaining("maxInterval");
        assertThatThrownBy(() -> RetrySchedule.parse("9999999999s")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> RetrySchedule.parse("1s,".repeat(33) + "1s")).hasMessageContaining("maxIntervals");
    }
}
