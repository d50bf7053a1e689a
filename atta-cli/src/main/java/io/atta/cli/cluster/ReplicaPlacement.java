package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where voter replicas go when a node leaves: decided from the cluster file alone, before any
 * group is touched, so that a removal that cannot be done is refused whole.
 */
final class ReplicaPlacement {
    /** Voter {@code from} of {@code shard} is replaced by {@code to}. */
    record Move(int shard, int from, int to) {
    }

    private ReplicaPlacement() {
    }

    /**
     * The moves that take {@code node} out of every group it votes in: each replica goes to the
     * node with the fewest voter replicas (counting the moves before it) that does not vote in
     * that shard, the lowest id among equals.
     *
     * @throws ClusterFailure when some shard has no node to move to
     */
    static List<Move> planRemoval(ClusterFile file, int node) {
        file.node(node);
        Map<Integer, Integer> voterReplicas = new TreeMap<>();
        for (int id : file.nodes().keySet()) {
            if (id != node) {
                voterReplicas.put(id, 0);
            }
        }
        for (List<Integer> voters : file.voters()) {
            for (int id : voters) {
                voterReplicas.computeIfPresent(id, (k, n) -> n + 1);
            }
        }
        List<Move> moves = new ArrayList<>();
        for (int s = 0; s < file.shards(); s++) {
            List<Integer> voters = file.voters().get(s);
            if (!voters.contains(node)) {
                continue;
            }
            int to = -1;
            for (Map.Entry<Integer, Integer> e : voterReplicas.entrySet()) {
                if (!voters.contains(e.getKey()) && (to == -1 || e.getValue() < voterReplicas.get(to))) {
                    to = e.getKey();
                }
            }
            if (to == -1) {
                throw new ClusterFailure("removing node " + node + " would leave shard " + s + " with "
                        + (voters.size() - 1) + " voters; add a node first");
            }
            voterReplicas.merge(to, 1, Integer::sum);
            moves.add(new Move(s, node, to));
        }
        return moves;
    }

    /** {@code file} with {@code move} done: {@code to} takes {@code from}'s place in the shard's voters. */
    static ClusterFile apply(ClusterFile file, Move move) {
        List<Integer> voters = new ArrayList<>(file.voters().get(move.shard()));
        int at = voters.indexOf(move.from());
        if (at < 0) {
            throw new IllegalArgumentException("node " + move.from() + " does not vote in shard " + move.shard());
        }
        voters.set(at, move.to());
        return file.withVoters(move.shard(), voters);
    }
}
