package io.atta.cluster.forward;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import io.atta.cluster.ServiceException;
import io.atta.cluster.shard.ShardGroup;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;

/**
 * Takes commands forwarded by other nodes for a shard this node leads, and answers once they
 * are committed and applied. A node that does not lead the shard answers {@code notLeader} (it
 * never forwards again: the sender asks the group for its leader and tries there).
 */
public final class ForwardProcessor implements RpcProcessor<ForwardRequest> {
    private final ShardGroup[] groups;

    public ForwardProcessor(ShardGroup[] groups) {
        this.groups = groups;
    }

    @Override
    public String interest() {
        return ForwardRequest.class.getName();
    }

    @Override
    public void handleRequest(RpcContext ctx, ForwardRequest request) {
        int shard = request.shard();
        if (shard < 0 || shard >= groups.length || groups[shard] == null) {
            ctx.sendResponse(ForwardReply.failed(ServiceException.Reason.notLeader.name(),
                    "no shard " + shard + " on this node"));
            return;
        }
        ShardGroup group = groups[shard];
        if (!group.isLeader()) {
            ctx.sendResponse(ForwardReply.failed(ServiceException.Reason.notLeader.name(),
                    "this node does not lead shard " + shard));
            return;
        }
        Command[] commands;
        try {
            commands = BatchCodec.decode(ByteBuffer.wrap(request.commands())).commands();
        } catch (RuntimeException e) {
            ctx.sendResponse(ForwardReply.failed("invalid", "cannot decode the forwarded commands: " + e.getMessage()));
            return;
        }
        group.submit(commands).whenComplete((results, error) -> {
            if (error == null) {
                ctx.sendResponse(ForwardReply.ok(ResultCodec.encode(results)));
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                if (cause instanceof ServiceException s) {
                    ctx.sendResponse(ForwardReply.failed(s.reason().name(), s.getMessage()));
                } else {
                    ctx.sendResponse(ForwardReply.failed(ServiceException.Reason.unavailable.name(),
                            "the leader failed the commands: " + cause));
                }
            }
        });
    }
}
