package io.atta.cluster.shard;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.Task;
import io.atta.cluster.ServiceException;
import io.atta.core.Limits;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A shard's write queue and the one thread that turns it into log entries (docs/ARCHITECTURE.md §5):
 * it gathers waiting submissions into one batch of up to {@link Limits#maxBatchCommands}
 * commands, stamps it with the leader's time and hands it to Raft. At most
 * {@link #maxInFlightBatches} entries are in Raft at once; while they are, new submissions
 * pile up and the next batch is larger, which is where throughput under load comes from.
 * The queue is bounded by command count and answers {@code busy} when full.
 */
final class Batcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Batcher.class);
    /** Log entries of one shard handed to Raft and not yet applied. */
    static final int maxInFlightBatches = 4;

    private final int shard;
    private volatile Node node;
    private final LongSupplier clockNanos;
    private final Executor replies;
    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedCommands = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(maxInFlightBatches);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long term = -1;
    private long lastTimestamp;

    Batcher(int shard, LongSupplier clockNanos, Executor replies) {
        this.shard = shard;
        this.clockNanos = clockNanos;
        this.replies = replies;
        this.thread = new Thread(this::run, "atta-batcher-" + shard);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The Raft node entries go to; leadership may begin before it is attached, entries not. */
    void attach(Node node) {
        this.node = node;
    }

    /** Leadership began at {@code term}: entries are accepted from now on. */
    void leaderStarted(long term) {
        this.term = term;
    }

    /** Leadership ended: what is still queued can no longer be written here. */
    void leaderStopped() {
        this.term = -1;
        failQueued(ServiceException.Reason.notLeader, "shard " + shard + " lost its leader; retry");
    }

    long term() {
        return term;
    }

    int queuedCommands() {
        return queuedCommands.get();
    }

    boolean isLeader() {
        return term >= 0 && node != null;
    }

    void submit(Submission s) {
        if (!running) {
            s.future().completeExceptionally(new ServiceException(ServiceException.Reason.stopped,
                    "the node is shutting down"));
            return;
        }
        if (term < 0) {
            s.future().completeExceptionally(new ServiceException(ServiceException.Reason.notLeader,
                    "shard " + shard + " has no leader on this node; retry"));
            return;
        }
        int n = s.commands().length;
        if (queuedCommands.addAndGet(n) > Limits.maxQueuedCommandsPerShard) {
            queuedCommands.addAndGet(-n);
            s.future().completeExceptionally(new ServiceException(ServiceException.Reason.busy,
                    "shard " + shard + " queue is full (maxQueuedCommandsPerShard "
                            + Limits.maxQueuedCommandsPerShard + "); retry with the same ids"));
            return;
        }
        queue.add(s);
    }

    private void run() {
        Submission carry = null;
        List<Command> commands = new ArrayList<>();
        while (running) {
            try {
                Submission first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
                carry = null;
                if (first == null) {
                    continue;
                }
                while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!running) {
                        first.future().completeExceptionally(new ServiceException(ServiceException.Reason.stopped,
                                "the node is shutting down"));
                        return;
                    }
                }
                List<Submission> batch = new ArrayList<>();
                commands.clear();
                add(first, batch, commands);
                Submission next;
                while ((next = queue.poll()) != null) {
                    if (commands.size() + next.commands().length > Limits.maxBatchCommands) {
                        carry = next;
                        break;
                    }
                    add(next, batch, commands);
                }
                propose(batch, commands);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("shard {}: batcher failed", shard, e);
            }
        }
    }

    private void add(Submission s, List<Submission> batch, List<Command> commands) {
        batch.add(s);
        for (Command c : s.commands()) {
            commands.add(c);
        }
        queuedCommands.addAndGet(-s.commands().length);
    }

    private void propose(List<Submission> batch, List<Command> commands) {
        long t = term;
        if (t < 0 || node == null) {
            inFlight.release();
            ServiceException e = new ServiceException(ServiceException.Reason.notLeader,
                    "shard " + shard + " lost its leader; retry");
            batch.forEach(s -> s.future().completeExceptionally(e));
            return;
        }
        long now = Math.max(clockNanos.getAsLong(), lastTimestamp + 1);
        lastTimestamp = now;
        byte[] data = BatchCodec.encode(now, commands);
        Task task = new Task(ByteBuffer.wrap(data), new BatchClosure(batch, replies, inFlight::release));
        task.setExpectedTerm(t);
        node.apply(task);
    }

    private void failQueued(ServiceException.Reason reason, String message) {
        ServiceException e = new ServiceException(reason, message);
        Submission s;
        while ((s = queue.poll()) != null) {
            queuedCommands.addAndGet(-s.commands().length);
            s.future().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued(ServiceException.Reason.stopped, "the node is shutting down");
    }
}
