package io.atta.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipInputStream;

/**
 * How the cluster tests run node JVMs: from a copy of the runnable jar made for the run, so that
 * a rebuild of {@code atta-cli} while the test runs does not change (or truncate) the program
 * under a node that restarts; with small heaps and little JIT, since three or four nodes, the
 * load and Maven share two cores; and with SOFAJRaft's elections in the log, which is where
 * failover times are read from.
 */
final class NodeJvm {
    /** The runnable jar the build made; failsafe passes it as this system property. */
    static final String jarProperty = "atta.jar";
    static final String logbackFileName = "node-logback.xml";
    /** How long the jar must have been left alone before it is copied (a build writes it over seconds). */
    static final long quietBeforeCopyMs = 2_000;
    static final int copyAttempts = 30;
    /** The server's own logging (atta-cli's logback.xml), with raft elections and leadership changes shown. */
    private static final String logback = """
            <configuration>
              <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="com.alipay" level="WARN"/>
              <logger name="com.alipay.sofa.jraft.core.NodeImpl" level="INFO"/>
              <logger name="org.rocksdb" level="WARN"/>
              <logger name="io.netty" level="WARN"/>
              <logger name="org.eclipse.jetty" level="WARN"/>
              <logger name="io.javalin" level="WARN"/>
              <logger name="com.alipay.sofa.jraft.RaftGroupService" level="ERROR"/>
              <logger name="com.alipay.sofa.jraft.storage.snapshot.local.LocalSnapshotStorage" level="ERROR"/>
              <root level="INFO"><appender-ref ref="stderr"/></root>
            </configuration>
            """;

    private NodeJvm() {
    }

    /**
     * Copies the runnable jar into {@code dir} and returns the copy. Another build may be
     * rewriting the jar in place, so a copy counts only when the jar had not changed for a
     * while before it, did not change during it, and reads back whole; else it is made again.
     */
    static Path pinJar(Path dir) throws IOException {
        String built = System.getProperty(jarProperty);
        if (built == null || !Files.isRegularFile(Path.of(built))) {
            throw new IllegalStateException("system property " + jarProperty + " must name the runnable jar (mvn "
                    + "install builds atta-cli/target/atta.jar), got " + built);
        }
        Path source = Path.of(built);
        Files.createDirectories(dir);
        Path copy = dir.resolve("atta.jar");
        String last = "";
        for (int attempt = 0; attempt < copyAttempts; attempt++) {
            FileTime before = Files.getLastModifiedTime(source);
            long size = Files.size(source);
            if (System.currentTimeMillis() - before.toMillis() < quietBeforeCopyMs) {
                last = source + " changed " + (System.currentTimeMillis() - before.toMillis()) + " ms ago";
            } else {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                if (!before.equals(Files.getLastModifiedTime(source)) || size != Files.size(source)) {
                    last = source + " changed while it was copied";
                } else if (readsWhole(copy)) {
                    return copy;
                } else {
                    last = "the copy of " + source + " does not read back whole";
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(quietBeforeCopyMs));
        }
        throw new IllegalStateException("no consistent copy of " + source + " in " + copyAttempts + " attempts: "
                + last);
    }

    /** True when every entry of the jar reads with the right checksum. */
    private static boolean readsWhole(Path jar) {
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            int entries = 0;
            while (in.getNextEntry() != null) {
                while (in.read(buffer) >= 0) {
                    // Reading to the end checks the entry's CRC.
                }
                entries++;
            }
            return entries > 0;
        } catch (IOException corrupt) {
            return false;
        }
    }

    /** JVM options of every node; writes the logging configuration they name into {@code dir}. */
    static List<String> options(Path dir) throws IOException {
        Path config = dir.resolve(logbackFileName);
        Files.writeString(config, logback, StandardCharsets.UTF_8);
        // Nodes check the engine's invariants after every batch (docs/RESULTS.md).
        return List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-ea:io.atta.engine...", "-Dfile.encoding=UTF-8", "-Dlogback.configurationFile=" + config.toAbsolutePath());
    }
}
