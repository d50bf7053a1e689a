package io.atta.cluster.forward;

import java.io.Serializable;

/**
 * Commands for a shard, sent by a node that does not lead it to the node that does (over the
 * raft RPC server both already run). The commands travel in the log's own binary encoding.
 * A plain serializable bean because bolt's default (Hessian) serializer carries it.
 */
public final class ForwardRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private int shard;
    private byte[] commands;

    public ForwardRequest() {
    }

    ForwardRequest(int shard, byte[] commands) {
        this.shard = shard;
        this.commands = commands;
    }

    int shard() {
        return shard;
    }

    byte[] commands() {
        return commands;
    }
}
