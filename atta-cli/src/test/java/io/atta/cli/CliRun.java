package io.atta.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one in-process run of the {@code atta} command did: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
    /** Runs {@code atta args…} in this JVM, capturing its output. */
    public static CliRun atta(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
