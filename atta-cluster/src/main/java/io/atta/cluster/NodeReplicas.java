package io.atta.cluster;

import com.alipay.sofa.jraft.entity.PeerId;
import io.atta.cluster.shard.ReplicaStatus;

/** The {@link Replicas} of an {@link AttaNode}: its shard groups. */
record NodeReplicas(AttaNode node) implements Replicas {
    @Override
    public ClusterMember cluster() {
        return node.cluster();
    }

    @Override
    public String raftEndpoint() {
        // Every group of a node shares the node's one RPC server, so group 0 names it for all.
        return node.group(0).self().getEndpoint().toString();
    }

    @Override
    public ReplicaStatus status(int shard) {
        return node.group(shard).status();
    }

    @Override
    public String leader(int shard) {
        PeerId leader = node.group(shard).leader();
        return leader == null ? null : leader.getEndpoint().toString();
    }

    @Override
    public long appliedIndex(int shard) {
        return node.group(shard).appliedIndex();
    }

    @Override
    public long[] appliedIndexAndStateHash(int shard) {
        return node.group(shard).appliedIndexAndStateHash();
    }
}
