package io.atta.cli.cluster;

import io.atta.cli.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLaunchTest {
    private final LocalLayout layout = new LocalLayout(Path.of("/tmp/c"));

    @Test
    void aNodeRunsAttaServerWithTheClusterFileItsIdAndItsOwnDirectory() {
        List<String> program = List.of("/jdk/bin/java", "-jar", "/x/atta.jar");

        List<String> cmd = ServerLaunch.command(program, List.of("-Xmx256m"), layout, 2,
                List.of("--settlement-interval", "0"));

        List<String> fromJava = cmd.subList(cmd.indexOf("/jdk/bin/java"), cmd.size());
        assertThat(fromJava).containsExactly("/jdk/bin/java", "-Xmx256m", "-Dlogging.path=/tmp/c/node-2/logs", "-jar",
                "/x/atta.jar", "server", "--cluster", "/tmp/c/cluster.properties", "--node-id", "2", "--data",
                "/tmp/c/node-2", "--settlement-interval", "0");
        // Before java: setsid (a new session, away from the terminal's signals), then sh setting umask 077
        // and exec'ing java, so every file the node writes is its owner's only.
        List<String> before = cmd.subList(0, cmd.indexOf("/jdk/bin/java"));
        assertThat(before).endsWith("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh");
        assertThat(before.subList(0, before.size() - 4)).allSatisfy(p -> assertThat(p).endsWith("setsid"));
    }

    @Test
    void withoutTheRunnableJarTheNodeRunsMainFromThisClassPath() {
        assertThat(ServerLaunch.withRunner(List.of("java"), Path.of("/x/atta.jar")))
                .containsExactly("java", "-jar", "/x/atta.jar");
        List<String> fromClasses = ServerLaunch.withRunner(List.of("java"), null);
        assertThat(fromClasses.get(1)).isEqualTo("-cp");
        assertThat(Path.of(fromClasses.get(2).split(java.io.File.pathSeparator)[0])).isAbsolute();
        assertThat(fromClasses.get(3)).isEqualTo(Main.class.getName());
        // Tests run from target/classes, not from the runnable jar.
        assertThat(ServerLaunch.runnableJarOfThisClass()).isNull();
    }
}
