package io.atta.cluster.audit;

import io.atta.cluster.LedgerService;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.engine.audit.AuditModule;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A node's checkpoints of the shards' audit chains (docs/AUDIT.md): every {@link #intervalMs}
 * (the node's ticker calls {@link #takeQuietly}) and on demand, the heads of the chains of the
 * shards this node holds, signed with the platform's audit key into the {@link CheckpointLog}.
 */
public final class AuditCheckpoints {
    /** How often a checkpoint is taken, by default; {@code -Datta.audit.checkpointIntervalMs} sets another. */
    public static final long defaultIntervalMs = 1_000;

    private final LedgerService service;
    private final KeyPair key;
    private final CheckpointLog log;
    private final LongSupplier clockNanos;
    private final long intervalMs;

    public AuditCheckpoints(LedgerService service, Path dir, LongSupplier clockNanos, long intervalMs) {
        this.service = service;
        this.key = AuditKey.loadOrCreate(dir);
        this.log = new CheckpointLog(dir, key);
        this.clockNanos = clockNanos;
        this.intervalMs = intervalMs;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public PublicKey publicKey() {
        return key.getPublic();
    }

    public CheckpointLog log() {
        return log;
    }

    /**
     * Takes a checkpoint of every shard's head now (the last one again if nothing moved). One at a
     * time: heads read later are never logged before heads read earlier, so heights only grow.
     */
    public synchronized SignedCheckpoint take() {
        List<ShardHead> heads = new ArrayList<>(service.shardCount());
        for (int s = 0; s < service.shardCount(); s++) {
            final int shard = s;
            heads.add(service.readStale(s, l -> {
                AuditModule a = l.module(AuditModule.class);
                return new ShardHead(shard, a.height(), a.headIndex(), a.head());
            }));
        }
        return log.take(heads, clockNanos.getAsLong());
    }

    /** {@link #take}, for the ticker: a failure is logged, and the next interval tries again. */
    public void takeQuietly() {
        try {
            take();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AuditCheckpoints.class).warn("audit checkpoint failed: {}", e.toString());
        }
    }

    /** The first checkpoint covering block {@code height} of {@code shard}, taking one if none does yet. */
    public SignedCheckpoint covering(int shard, long height) {
        SignedCheckpoint c = log.covering(shard, height);
        return c != null ? c : take();
    }
}
