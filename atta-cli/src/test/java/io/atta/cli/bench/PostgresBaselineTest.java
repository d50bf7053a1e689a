package io.atta.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL baseline runs the workload on a real, durable PostgreSQL and checks its own ledger. */
class PostgresBaselineTest {
    @Test
    void movesMoneyBetweenAccountsAndKeepsTheLedgerBalanced(@TempDir Path dir) throws Exception {
        StringWriter progress = new StringWriter();

        PostgresBaseline.Outcome outcome = PostgresBaseline.run(dir, 50, 300, 2, 3, 7,
                new PrintWriter(progress, true));

        // Either all 300 transfers committed or the 3-second bound stopped the run; the run
        // verified conservation and one transfer row per commit before returning.
        assertThat(outcome.transfers()).isBetween(1L, 300L);
        assertThat(outcome.latencies().count()).isEqualTo(outcome.transfers());
        assertThat(progress.toString()).contains("postgres baseline: 50 accounts");
    }
}
