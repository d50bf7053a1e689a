package io.atta.engine.trade;

import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.engine.differential.CorpusLog;
import io.atta.engine.differential.CorpusSource;

import java.util.Arrays;

/** {@link RandomTradeBatches} (merchants, trades, payments, every trade action, deadlines) as a corpus source. */
public final class TradeCorpusSource implements CorpusSource {
    private final RandomTradeBatches gen;
    private final TradeModel model = new TradeModel();
    private boolean started;

    public TradeCorpusSource(long seed) {
        gen = new RandomTradeBatches(seed);
    }

    @Override
    public int shardId() {
        return 0;
    }

    @Override
    public int homeSlot() {
        return 0;
    }

    @Override
    public int foreignSlot() {
        return RandomTradeBatches.foreignSlot;
    }

    @Override
    public long[] merchants() {
        return gen.merchants.clone();
    }

    @Override
    public CorpusLog.Batch next() {
        if (!started) {
            started = true;
            RandomTradeBatches.Batch setup = gen.setup();
            gen.teach(model);
            model.apply(setup.timestamp(), Arrays.stream(setup.commands()).filter(c -> c instanceof CreateTransfer)
                    .toArray(Command[]::new));
            model.last = setup.timestamp() + setup.commands().length - 1;
            return new CorpusLog.Batch(setup.timestamp(), setup.commands());
        }
        RandomTradeBatches.Batch b = gen.next(model);
        model.apply(b.timestamp(), b.commands());
        return new CorpusLog.Batch(b.timestamp(), b.commands());
    }
}
