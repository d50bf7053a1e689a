package io.atta.engine.ledger;

import io.atta.engine.differential.CorpusLog;
import io.atta.engine.differential.CorpusSource;

/** {@link RandomBatches} (users, accounts, transfers, chains, pending, ticks, channels, adjustments) as a corpus source. */
public final class LedgerCorpusSource implements CorpusSource {
    private final RandomBatches gen;
    private final ReferenceLedger model;

    public LedgerCorpusSource(long seed) {
        gen = new RandomBatches(seed);
        model = new ReferenceLedger(gen.homeSlot, gen::ownsSlot);
    }

    @Override
    public int shardId() {
        return gen.shardId;
    }

    @Override
    public int homeSlot() {
        return gen.homeSlot;
    }

    @Override
    public int foreignSlot() {
        return gen.foreignSlot;
    }

    @Override
    public long[] merchants() {
        return new long[0];
    }

    @Override
    public CorpusLog.Batch next() {
        RandomBatches.Batch b = gen.next(model);
        model.apply(b.timestamp(), b.commands());
        return new CorpusLog.Batch(b.timestamp(), b.commands());
    }
}
