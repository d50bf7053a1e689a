package io.atta.engine.audit;

import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.StateDigest;

/**
 * {@link ShardLedger#stateHash} without the audit module's part: what a shard restored from a
 * snapshot written before the audit chain existed must still agree on with the shard that wrote
 * it (the restored chain starts afresh, docs/AUDIT.md §2).
 */
public final class StateBesidesTheChain {
    private StateBesidesTheChain() {
    }

    public static long hash(ShardLedger l) {
        long h = StateDigest.mix(l.shardId(), l.lastTimestamp());
        for (ShardModule m : l.modules()) {
            if (!(m instanceof AuditModule)) {
                h = StateDigest.mix(h, m.digest());
            }
        }
        return h;
    }
}
