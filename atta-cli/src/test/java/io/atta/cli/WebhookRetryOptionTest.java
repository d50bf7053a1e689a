package io.atta.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta server --webhook-retry-intervals}: documented, and checked before anything starts. */
class WebhookRetryOptionTest {
    @Test
    void aScheduleThatIsNotOneExitsWithCodeTwoAndNamesTheOption() {
        CliRun bad = CliRun.atta("server", "--webhook-retry-intervals", "15s,soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--webhook-retry-intervals: a retry interval is a whole number and a unit");

        CliRun tooLong = CliRun.atta("server", "--webhook-retry-intervals", "8d");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("maxInterval");

        assertThat(CliRun.atta("server", "--help").out()).contains("--webhook-retry-intervals=LIST")
                .contains("15s,1m,5m,30m,2h,6h,15h");
    }
}
