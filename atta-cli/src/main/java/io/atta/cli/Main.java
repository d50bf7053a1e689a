package io.atta.cli;

import io.atta.cli.bench.BenchCommand;
import io.atta.cli.cluster.ClusterCommand;
import io.atta.cli.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code atta} command. Exit codes: 0 done, 1 failed, 2 bad command line (picocli's
 * convention: the message names the option at fault).
 */
@Command(name = "atta", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Atta: a sharded, durable payment and ledger platform.",
        subcommands = {ServerCommand.class, ShardsCommand.class, VerifyCommand.class, BenchCommand.class,
                MerchantCommand.class, KeysCommand.class, FundCommand.class, AuditCommand.class, ReportCommand.class,
                ClusterCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'atta server' or 'atta bench'");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"atta " + (v == null ? "(development build)" : v)};
        }
    }
}
