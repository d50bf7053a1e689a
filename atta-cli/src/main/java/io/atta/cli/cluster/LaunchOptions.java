package io.atta.cli.cluster;

import io.atta.cluster.NodeOptions;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * How the nodes of a local cluster are launched, kept in {@code DIR/launch.properties}: a
 * restart ({@code atta cluster start --dir DIR}) or a new node ({@code add-node --dir DIR})
 * is launched as the nodes were, unless the command line says otherwise.
 *
 * @param settlementIntervalSecs every node's {@code atta server --settlement-interval}
 * @param jvmOpts                every node's JVM options, separated by spaces
 */
public record LaunchOptions(int settlementIntervalSecs, String jvmOpts) {
    public static final String fileName = "launch.properties";

    public static LaunchOptions defaults() {
        return new LaunchOptions(NodeOptions.defaultSettlementIntervalSecs, ServerLaunch.defaultJvmOpts);
    }

    /** The options {@code dir} was launched with, or the defaults when it has none yet. */
    static LaunchOptions load(LocalLayout layout) throws IOException {
        Path file = layout.dir().resolve(fileName);
        LaunchOptions d = defaults();
        if (!Files.isRegularFile(file)) {
            return d;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return new LaunchOptions(Integer.parseInt(p.getProperty("settlement-interval",
                    Integer.toString(d.settlementIntervalSecs)).trim()), p.getProperty("jvm-opts", d.jvmOpts).trim());
        } catch (NumberFormatException e) {
            throw new ClusterFailure(file + ": settlement-interval must be a number of seconds, got '"
                    + p.getProperty("settlement-interval") + "'");
        }
    }

    void save(LocalLayout layout) throws IOException {
        Files.createDirectories(layout.dir());
        Path file = layout.dir().resolve(fileName);
        Path tmp = layout.dir().resolve(fileName + ".tmp");
        Properties p = new Properties();
        p.setProperty("settlement-interval", Integer.toString(settlementIntervalSecs));
        p.setProperty("jvm-opts", jvmOpts);
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "How atta cluster launches the nodes of this directory");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** These options with those the command line gave (null: not given) in their place. */
    LaunchOptions with(Integer settlementIntervalSecs, String jvmOpts) {
        return new LaunchOptions(settlementIntervalSecs == null ? this.settlementIntervalSecs : settlementIntervalSecs,
                jvmOpts == null ? this.jvmOpts : jvmOpts);
    }

    public List<String> serverArgs() {
        return List.of("--settlement-interval", Integer.toString(settlementIntervalSecs));
    }

    public List<String> jvmOptions() {
        return jvmOpts.isBlank() ? List.of() : Arrays.asList(jvmOpts.trim().split("\\s+"));
    }

    /** The check of {@code --settlement-interval}, or null when it holds. */
    static String settlementIntervalProblem(Integer secs) {
        if (secs == null || (secs >= 0 && secs <= NodeOptions.maxSettlementIntervalSecs)) {
            return null;
        }
        return "--settlement-interval must be between 0 (off) and " + NodeOptions.maxSettlementIntervalSecs
                + " seconds (maxSettlementIntervalSecs), got " + secs;
    }
}
