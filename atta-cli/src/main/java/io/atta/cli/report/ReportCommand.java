package io.atta.cli.report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code atta report sync|reconcile} (docs/REPORTING.md): the PostgreSQL projection of the change
 * stream, and a day's reconciliation of the engine against it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reporting: the PostgreSQL projection and reconciliation.",
        subcommands = {ReportCommand.Sync.class, ReportCommand.Reconcile.class})
public final class ReportCommand implements Runnable {
    /** The exit code of a reconciliation that found differences (1 is a failure to run). */
    public static final int differencesFound = 3;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: sync, reconcile");
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Follows every shard's change stream into PostgreSQL, exactly once; resumes where it stopped.")
    static final class Sync implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StreamConnection connection;
        @Option(names = "--once", description = "Stop when every shard has been read to its end (default: follow).")
        private boolean once;
        @Option(names = "--page", defaultValue = "1000", paramLabel = "N",
                description = "Changes per page and transaction, 1..10000 (default: ${DEFAULT-VALUE}).")
        private int page;

        @Override
        public Integer call() throws InterruptedException {
            if (page < 1 || page > 10_000) {
                throw new ParameterException(spec.commandLine(), "--page must be in 1..10000 (maxChangesPerPage)");
            }
            PrintWriter out = spec.commandLine().getOut();
            ReportSync sync = new ReportSync(new ReportSync.Options(connection.feed(spec), connection.jdbcUrl, once,
                    page, 20), spec.commandLine().getErr());
            try {
                ReportSync.Totals t = sync.run();
                out.printf("synced %d changes into %d rows in %.1f s: %.0f changes/s, %.0f rows/s%n", t.changes(),
                        t.rows(), t.nanos() / 1e9, t.changesPerSecond(), t.rowsPerSecond());
                out.flush();
                return 0;
            } catch (IOException | SQLException e) {
                spec.commandLine().getErr().println("atta report sync: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Compares a day's settlement report and transfers, from the engine and from the projection; "
                    + "lists every difference (exit 3 when there are any).")
    static final class Reconcile implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StreamConnection connection;
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day (UTC).")
        private String date;

        @Override
        public Integer call() throws InterruptedException {
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--date must be YYYY-MM-DD, not " + date);
            }
            long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
            long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
            PrintWriter out = spec.commandLine().getOut();
            try (Connection c = DriverManager.getConnection(connection.jdbcUrl)) {
                EngineReport engine = EngineReport.read(connection.feed(spec), from, to);
                SqlReport sql = SqlReport.read(c, from, to);
                List<String> differences = Reconciliation.differences(engine, sql);
                for (SettlementFigures f : engine.figures().values()) {
                    out.printf("merchant %d %s: %d finished %d, refunds %d, fees %d, net %d, settled %d%n",
                            f.merchantId(), f.currency(), f.finished(), f.finishedAmount(), f.refunds(), f.fees(),
                            f.net(), f.settled());
                }
                for (String d : differences) {
                    out.println("DIFFERENCE " + d);
                }
                out.printf("%s: %d merchants, %d transfers, %d differences%n", day, engine.figures().size(),
                        engine.transfers().size(), differences.size());
                out.flush();
                return differences.isEmpty() ? 0 : differencesFound;
            } catch (IOException | SQLException e) {
                spec.commandLine().getErr().println("atta report reconcile: " + e.getMessage());
                return 1;
            }
        }
    }
}
