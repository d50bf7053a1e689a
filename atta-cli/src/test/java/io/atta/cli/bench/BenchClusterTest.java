package io.atta.cli.bench;

import io.atta.cli.cluster.LocalLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the bench's cluster that need no cluster: its ports and how it sums up node logs. */
class BenchClusterTest {
    @Test
    void errorLinesOfOneKindReadAlikeWhateverTheirThreadAndNumbers() {
        String a = BenchCluster.kind("[JRaft-Global-ElectionTimer0] c.a.s.j.r.impl.AbstractClientService - Fail to "
                + "connect 127.0.0.1:25399, remoting exception: Create connection failed.");
        String b = BenchCluster.kind("[JRaft-RPC-Processor-3] c.a.s.j.r.impl.AbstractClientService - Fail to "
                + "connect 127.0.0.1:28606, remoting exception: Create connection failed.");

        assertThat(a).isEqualTo(b).isEqualTo("c.a.s.j.r.impl.AbstractClientService - Fail to connect N.N.N.N:N, "
                + "remoting exception: Create connection failed.");
        assertThat(BenchCluster.kind("x".repeat(500))).hasSize(BenchCluster.maxKindChars + 3);
    }

    @Test
    void aBasePortLeavesEveryNodesPortsInRange() {
        int base = BenchCluster.freeBasePort(9);

        assertThat(base).isBetween(BenchCluster.minBasePort, BenchCluster.maxBasePort - 1);
        assertThat(base + LocalLayout.httpPortOffset + 9).isLessThan(65536);
    }
}
