package io.atta.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta server --settlement-interval}: documented, and checked before anything starts. */
class SettlementIntervalOptionTest {
    @Test
    void outOfRangeIntervalsExitWithCodeTwoAndNameTheOption() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));

        assertThat(cmd.execute("server", "--settlement-interval", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--settlement-interval must be between 0 (off) and 86400 seconds");
        assertThat(cmd.execute("server", "--settlement-interval", "86401")).isEqualTo(2);
        assertThat(cmd.execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("--settlement-interval=SECONDS").contains("(default: 60)");
    }
}
