package io.atta.cluster.forward;

import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.atta.cluster.ServiceException;
import io.atta.cluster.shard.ShardGroup;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.Result;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a shard's commands to wherever its leader is: this node's own group when it leads,
 * else the leader's node over the raft RPC stack (docs/ARCHITECTURE.md §7). While a group has no
 * leader (an election is running), or a node answers that it no longer leads, the commands are
 * tried again for up to {@link #leaderWaitMs}: those are the cases where nothing was accepted,
 * so trying again cannot apply anything twice. When the outcome is unknown (the leader's node
 * went away after taking the commands) the caller hears {@code unavailable} and retries with
 * the same ids, which the ledger answers idempotently.
 */
public final class Forwarder implements AutoCloseable {
    /** How long a write waits for its shard to have a reachable leader (covers an election). */
    public static final long leaderWaitMs = 5_000;
    /** How long a forwarded write may take at the leader (queue, replication, apply). */
    public static final long forwardTimeoutMs = 30_000;
    /** How often a forwarded write checks that its target still leads. */
    static final long leaderWatchMs = 100;
    /** Pause between looks for a leader. */
    static final long retryPauseMs = 25;

    private final ShardGroup[] groups;
    private final ScheduledExecutorService retries;
    private final Executor replies;
    private final RpcClient client;

    public Forwarder(ShardGroup[] groups, ScheduledExecutorService retries, Executor replies) {
        this.groups = groups;
        this.retries = retries;
        this.replies = replies;
        this.client = RpcFactoryHelper.rpcFactory().createRpcClient();
        if (!client.init(new RpcOptions())) {
            throw new IllegalStateException("cannot start the node-to-node RPC client");
        }
    }

    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        CompletableFuture<Result[]> f = new CompletableFuture<>();
        attempt(shard, commands, null, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaderWaitMs), f);
        return f;
    }

    private void attempt(int shard, Command[] commands, byte[] encoded, long deadline, CompletableFuture<Result[]> f) {
        ShardGroup group = groups[shard];
        if (group.isLeader()) {
            group.submit(commands).whenComplete((r, e) -> {
                if (e == null) {
                    f.complete(r);
                } else if (notTaken(e)) {
                    again(shard, commands, encoded, deadline, f, e);
                } else {
                    f.completeExceptionally(e);
                }
            });
            return;
        }
        PeerId leader = group.leader();
        if (leader == null || leader.equals(group.self())) {
            again(shard, commands, encoded, deadline, f, new ServiceException(ServiceException.Reason.notLeader,
                    "shard " + shard + " has no leader; retry"));
            return;
        }
        byte[] bytes = encoded != null ? encoded : BatchCodec.encode(0, Arrays.asList(commands));
        watchLeader(shard, leader, f);
        try {
            client.invokeAsync(leader.getEndpoint(), new ForwardRequest(shard, bytes), new InvokeCallback() {
                @Override
                public void complete(Object response, Throwable error) {
                    if (error != null) {
                        f.completeExceptionally(new ServiceException(ServiceException.Reason.unavailable,
                                "shard " + shard + ": the leader at " + leader + " did not answer (" + error
                                        + "); the outcome is unknown, retry with the same ids"));
                    } else if (response instanceof ForwardReply reply) {
                        answer(shard, commands, bytes, deadline, f, reply);
                    } else {
                        f.completeExceptionally(new ServiceException(ServiceException.Reason.unavailable,
                                "shard " + shard + ": unexpected answer from " + leader + ": " + response));
                    }
                }

                @Override
                public Executor executor() {
                    return replies;
                }
            }, forwardTimeoutMs);
        } catch (RemotingException e) {
            // Not connected, so not sent: the leader may be gone; look for the new one.
            again(shard, commands, bytes, deadline, f, new ServiceException(ServiceException.Reason.notLeader,
                    "shard " + shard + ": cannot reach the leader at " + leader + " (" + e.getMessage() + "); retry"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.completeExceptionally(new ServiceException(ServiceException.Reason.stopped, "interrupted"));
        }
    }

    /**
     * A leader cut off by a partition answers nothing (no reset reaches us), so a forward to it
     * would wait out {@link #forwardTimeoutMs}. Meanwhile this node's replica learns of the new
     * leader within an election: then the forward is answered {@code unavailable} (its outcome
     * is unknown: the old leader may still commit it if it was replicated) and the caller
     * retries with the same ids, which the new leader answers.
     */
    private void watchLeader(int shard, PeerId target, CompletableFuture<Result[]> f) {
        if (f.isDone()) {
            return;
        }
        PeerId now = groups[shard].leader();
        if (now != null && !now.equals(target)) {
            f.completeExceptionally(new ServiceException(ServiceException.Reason.unavailable,
                    "shard " + shard + ": the leader changed from " + target + " to " + now
                            + " while the write was forwarded; the outcome is unknown, retry with the same ids"));
            return;
        }
        try {
            retries.schedule(() -> watchLeader(shard, target, f), leaderWatchMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the node is closing; the forward ends with its own timeout or answer
        }
    }

    private void answer(int shard, Command[] commands, byte[] bytes, long deadline, CompletableFuture<Result[]> f,
                        ForwardReply reply) {
        if (reply.failure() == null) {
            try {
                f.complete(ResultCodec.decode(reply.results()));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
            return;
        }
        ServiceException.Reason reason;
        try {
            reason = ServiceException.Reason.valueOf(reply.failure());
        } catch (IllegalArgumentException unknown) {
            f.completeExceptionally(new IllegalStateException("shard " + shard + ": the leader refused the commands: "
                    + reply.message()));
            return;
        }
        ServiceException e = new ServiceException(reason, reply.message());
        if (reason == ServiceException.Reason.notLeader) {
            again(shard, commands, bytes, deadline, f, e);
        } else {
            f.completeExceptionally(e);
        }
    }

    private void again(int shard, Command[] commands, byte[] bytes, long deadline, CompletableFuture<Result[]> f,
                       Throwable why) {
        if (System.nanoTime() > deadline) {
            f.completeExceptionally(why instanceof CompletionException c && c.getCause() != null ? c.getCause() : why);
            return;
        }
        try {
            retries.schedule(() -> attempt(shard, commands, bytes, deadline, f), retryPauseMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            f.completeExceptionally(new ServiceException(ServiceException.Reason.stopped, "the node is shutting down"));
        }
    }

    /** True when the shard refused the commands before proposing them (so they were not applied). */
    private static boolean notTaken(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof ServiceException s && s.reason() == ServiceException.Reason.notLeader;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
