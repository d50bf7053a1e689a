package io.atta.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void namesALiveProcessOnlyWhileItIsTheSameProcess() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Path file = dir.resolve("pid");
        PidFile.of(self).write(file);

        PidFile read = PidFile.read(file).orElseThrow();
        assertThat(read.pid()).isEqualTo(self.pid());
        assertThat(read.liveProcess()).contains(self);

        // The same pid with another start time is another process that reused the pid.
        Instant otherStart = self.info().startInstant().orElseThrow().minusSeconds(3600);
        assertThat(new PidFile(self.pid(), otherStart).liveProcess()).isEmpty();
    }

    @Test
    void noFileOrAnUnreadableOneNamesNoProcess() throws Exception {
        assertThat(PidFile.read(dir.resolve("absent"))).isEmpty();
        Files.writeString(dir.resolve("garbage"), "not a pid\n");
        assertThat(PidFile.read(dir.resolve("garbage"))).isEmpty();
        Files.writeString(dir.resolve("bare"), ProcessHandle.current().pid() + "\n");
        assertThat(PidFile.read(dir.resolve("bare")).orElseThrow().start()).isNull();
    }
}
