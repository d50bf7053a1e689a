package io.atta.engine.differential;

/**
 * A seeded generator of one shard's batches, as the ledger and trade tests draw them: the
 * differential corpus records what today's shard answers to them.
 */
public interface CorpusSource {
    int shardId();

    int homeSlot();

    /** The one slot the shard does not own. */
    int foreignSlot();

    /** The merchants the source creates (for gateway apps and merchant keys), or none. */
    long[] merchants();

    CorpusLog.Batch next();
}
