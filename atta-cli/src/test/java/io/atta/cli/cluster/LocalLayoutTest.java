package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalLayoutTest {
    @Test
    void nodeIListensOnRaftPortBasePlusIAndHttpPortBasePlus100PlusI() {
        NodeAddress n = LocalLayout.address(7100, 3);

        assertThat(n).isEqualTo(new NodeAddress(3, "127.0.0.1", 7103, "127.0.0.1", 7203));
        assertThatThrownBy(() -> LocalLayout.address(7100, LocalLayout.maxNodeId + 1))
                .hasMessageContaining("between 1 and " + LocalLayout.maxNodeId);
        assertThat(LocalLayout.maxBasePort + LocalLayout.httpPortOffset + LocalLayout.maxNodeId)
                .isEqualTo(LocalLayout.maxPort);
    }

    @Test
    void theBasePortIsReadBackFromAFileItLaidOutAndIsUnknownForOnePlacedByHand() {
        ClusterFile laidOut = ClusterFile.of(2, List.of(LocalLayout.address(9000, 1), LocalLayout.address(9000, 2),
                LocalLayout.address(9000, 3)), ClusterFile.defaultElectionTimeoutMs);
        ClusterFile byHand = laidOut.withNode(new NodeAddress(4, "127.0.0.1", 9999, "127.0.0.1", 9998));

        assertThat(LocalLayout.basePortOf(laidOut)).isEqualTo(9000);
        assertThat(LocalLayout.basePortOf(laidOut.withNode(LocalLayout.address(9000, 7)))).isEqualTo(9000);
        assertThat(LocalLayout.basePortOf(byHand)).isEqualTo(-1);
    }

    @Test
    void filesSitUnderTheDirectoryMadeAbsolute() {
        LocalLayout layout = new LocalLayout(Path.of("some/dir"));

        assertThat(layout.dir()).isAbsolute();
        assertThat(layout.clusterFile()).isEqualTo(layout.dir().resolve("cluster.properties"));
        assertThat(layout.adminKeyFile()).isEqualTo(layout.dir().resolve("admin.key"));
        assertThat(layout.pidFile(2)).isEqualTo(layout.dir().resolve("node-2/pid"));
        assertThat(layout.serverLog(2)).isEqualTo(layout.dir().resolve("node-2/server.log"));
        assertThat(layout.nodeLogs(2)).isEqualTo(layout.dir().resolve("node-2/logs"));
    }
}
