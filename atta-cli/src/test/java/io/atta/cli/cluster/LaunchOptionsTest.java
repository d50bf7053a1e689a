package io.atta.cli.cluster;

import io.atta.cluster.NodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aRestartLaunchesTheNodesAsTheyWereUnlessTheCommandLineSaysOtherwise() throws Exception {
        LocalLayout layout = new LocalLayout(dir);
        assertThat(LaunchOptions.load(layout)).isEqualTo(LaunchOptions.defaults());

        LaunchOptions.defaults().with(0, "-Xmx256m  -XX:+UseSerialGC").save(layout);
        LaunchOptions again = LaunchOptions.load(layout).with(null, null);

        assertThat(again.serverArgs()).containsExactly("--settlement-interval", "0");
        assertThat(again.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(again.with(30, "").serverArgs()).containsExactly("--settlement-interval", "30");
        assertThat(again.with(30, "").jvmOptions()).isEmpty();
    }

    @Test
    void theSettlementIntervalIsCheckedAgainstTheServersLimit() {
        assertThat(LaunchOptions.settlementIntervalProblem(null)).isNull();
        assertThat(LaunchOptions.settlementIntervalProblem(0)).isNull();
        assertThat(LaunchOptions.settlementIntervalProblem(NodeOptions.maxSettlementIntervalSecs + 1))
                .isEqualTo("--settlement-interval must be between 0 (off) and " + NodeOptions.maxSettlementIntervalSecs
                        + " seconds (maxSettlementIntervalSecs), got " + (NodeOptions.maxSettlementIntervalSecs + 1));
        assertThat(LaunchOptions.defaults().jvmOptions()).isEqualTo(List.of(ServerLaunch.defaultJvmOpts.split(" ")));
    }
}
