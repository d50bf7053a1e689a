package io.atta.cluster;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;

import java.util.ArrayList;
import java.util.List;

/** Which node of a cluster this one is, and the groups' first configurations that follow from the file. */
public record ClusterMember(ClusterFile file, int nodeId) {
    public ClusterMember {
        file.node(nodeId);
    }

    public ClusterFile.NodeAddress self() {
        return file.node(nodeId);
    }

    public static PeerId peer(ClusterFile.NodeAddress n) {
        return new PeerId(n.raftHost(), n.raftPort());
    }

    /** Shard {@code s}'s voters by the file, with every other node of the file as a learner. */
    public Configuration initialConf(int shard) {
        List<PeerId> voters = new ArrayList<>();
        for (int id : file.voters().get(shard)) {
            voters.add(peer(file.node(id)));
        }
        List<PeerId> learners = new ArrayList<>();
        for (int id : file.learners(shard)) {
            learners.add(peer(file.node(id)));
        }
        return new Configuration(voters, learners);
    }
}
