package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code atta verify --data DIR --json} in its own JVM, as an operator runs it on a stopped
 * node's directory: it replays the logs without driving anything, so its report shows what the
 * disk held when the server died. Started like {@link io.atta.cli.ServerProcess} starts a server.
 */
final class OfflineVerify {
    /** How long the replay and the check may take. */
    static final long boundMs = 60_000;
    /** The exit codes of a report: every invariant holds, or one is broken (the report lists it). */
    private static final List<Integer> reportExitCodes = List.of(0, 3);

    private OfflineVerify() {
    }

    /** The invariants document of {@code dataDir}; the command's log goes to {@code logFile}. */
    static JsonNode report(Path dataDir, Path logFile) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        String jar = System.getProperty("atta.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of("verify", "--data", dataDir.toString(), "--json"));
        Files.writeString(logFile, "---- atta verify ----\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Path out = dataDir.resolveSibling(dataDir.getFileName() + "-verify.json");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        if (!p.waitFor(boundMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("atta verify did not finish within " + boundMs + " ms; see " + logFile);
        }
        if (!reportExitCodes.contains(p.exitValue())) {
            throw new IllegalStateException("atta verify exited " + p.exitValue() + "; see " + logFile);
        }
        return new ObjectMapper().readTree(Files.readAllBytes(out));
    }
}
