package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a leaving node's voter replicas go, decided from the cluster file alone. */
class ReplicaPlacementTest {
    static ClusterFile file(int nodes, int shards) {
        List<NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            addresses.add(LocalLayout.address(LocalLayout.defaultBasePort, id));
        }
        return ClusterFile.of(shards, addresses, ClusterFile.defaultElectionTimeoutMs);
    }

    @Test
    void eachReplicaGoesToTheNodeWithFewestVoterReplicasCountingTheMovesBeforeIt() {
        // Voters: shard 0 = 1,2,3; 1 = 2,3,4; 2 = 3,4,5; 3 = 4,5,1. Without node 3 the counts are
        // 1:2, 2:2, 4:3, 5:2.
        ClusterFile file = file(5, 4);

        List<ReplicaPlacement.Move> moves = ReplicaPlacement.planRemoval(file, 3);

        assertThat(moves).containsExactly(new ReplicaPlacement.Move(0, 3, 5), new ReplicaPlacement.Move(1, 3, 1),
                new ReplicaPlacement.Move(2, 3, 2));
        ClusterFile after = file;
        for (ReplicaPlacement.Move m : moves) {
            after = ReplicaPlacement.apply(after, m);
        }
        assertThat(after.voters()).containsExactly(List.of(1, 2, 5), List.of(2, 1, 4), List.of(2, 4, 5),
                List.of(4, 5, 1));
        assertThat(after.withoutNode(3).nodes()).containsOnlyKeys(1, 2, 4, 5);
    }

    @Test
    void aNodeThatVotesNowhereNeedsNoMove() {
        ClusterFile file = file(4, 1);

        assertThat(file.voters().get(0)).containsExactly(1, 2, 3);
        assertThat(ReplicaPlacement.planRemoval(file, 4)).isEmpty();
    }

    @Test
    void aThreeNodeClusterCannotLoseANode() {
        assertThatThrownBy(() -> ReplicaPlacement.planRemoval(file(3, 2), 2))
                .isInstanceOf(ClusterFailure.class)
                .hasMessage("removing node 2 would leave shard 0 with 2 voters; add a node first");
    }

    @Test
    void theNewVoterTakesTheOldOnesPlaceSoAPreferredLeaderIsReplacedByItsSuccessor() {
        ClusterFile file = file(4, 1);

        ClusterFile after = ReplicaPlacement.apply(file, new ReplicaPlacement.Move(0, 1, 4));

        assertThat(after.voters().get(0)).containsExactly(4, 2, 3);
        assertThat(after.learners(0)).containsExactly(1);
    }
}
