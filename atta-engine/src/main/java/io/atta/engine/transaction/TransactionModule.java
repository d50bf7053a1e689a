package io.atta.engine.transaction;

import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.core.command.TransactionFamily;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.CrossShardLedger;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.PreparedTransaction;
import io.atta.engine.ledger.StateHash;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransactionState;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.shard.StateDigest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The cross-shard transactions module (docs/ARCHITECTURE.md §5): wraps {@link Transactions}, the
 * coordinator's records and the pieces this shard prepared, which it applies through the
 * ledger's transfer rules.
 */
public final class TransactionModule implements ShardModule {
    private final CrossShardLedger ledger;
    private final Transactions transactions;

    public TransactionModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class).crossShard();
        this.transactions = new Transactions(ledger);
    }

    @Override
    public String name() {
        return "transaction";
    }

    @Override
    public CommandFamily family() {
        return new TransactionFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof BeginTransaction b) {
            transactions.begin(b, ts, out, at);
        } else if (c instanceof PrepareTransaction p) {
            transactions.prepare(p, ts, out, at);
        } else if (c instanceof DecideTransaction d) {
            out[at] = transactions.decide(d, ts);
        } else if (c instanceof ResolveTransaction r) {
            out[at] = transactions.resolve(r, ts);
        } else if (c instanceof FinishTransaction f) {
            out[at] = transactions.finish(f);
        } else {
            throw new IllegalArgumentException("not a transaction command: " + c);
        }
    }

    @Override
    public void prefetch(Command c) {
        if (c instanceof BeginTransaction b) {
            for (CreateTransfer t : b.legs()) {
                ledger.prefetchTransfer(t.id());
            }
            ledger.prefetchOutcome(b.txId());
        } else if (c instanceof PrepareTransaction p) {
            for (CreateTransfer t : p.legs()) {
                ledger.prefetchTransfer(t.id());
            }
            if (p.decides()) {
                ledger.prefetchOutcome(p.txId());
            }
        } else if (c instanceof DecideTransaction d && !transactions.coordinated.containsKey(d.txId())) {
            ledger.prefetchOutcome(d.txId());
        }
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        TransactionsSnapshot.write(transactions, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        clear();
        TransactionsSnapshot.read(transactions, in);
    }

    @Override
    public void clear() {
        transactions.coordinated.clear();
        transactions.prepared.clear();
    }

    @Override
    public long digest() {
        long h = 0;
        List<Long> ids = new ArrayList<>(transactions.coordinated.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            Transactions.Coordinated c = transactions.coordinated.get(id);
            h = StateDigest.mix(h, c.txId);
            h = StateDigest.mix(h, c.digest);
            h = StateDigest.mix(h, c.participants);
            h = StateDigest.mix(h, c.beganAt);
            // The reason is mixed on its own: a result code may use all 16 bits (product blocks).
            h = StateDigest.mix(h, ((long) c.state.code() << 32) | (c.failedLeg & 0xffffffffL));
            h = StateDigest.mix(h, c.reason.code());
        }
        List<Transactions.Prepared> prepared = new ArrayList<>(transactions.prepared.values());
        prepared.sort(Comparator.comparingInt(Transactions.Prepared::coordinator)
                .thenComparingLong(Transactions.Prepared::txId));
        for (Transactions.Prepared p : prepared) {
            h = StateDigest.mix(h, ((long) p.coordinator() << 32) ^ p.txId());
            h = StateDigest.mix(h, p.preparedAt());
            for (TransferRecord r : p.pieces()) {
                h = StateHash.mix(h, r);
            }
        }
        return h;
    }

    // ---- Reads ----

    /** Transactions this shard coordinates that are not finished yet (copies). */
    public List<ActiveTransaction> active() {
        return transactions.active();
    }

    /** Transactions coordinated elsewhere that this shard has prepared and not yet resolved. */
    public List<PreparedTransaction> preparedElsewhere() {
        return transactions.preparedElsewhere();
    }

    /** Where a transaction this shard coordinates stands (its history is read for finished ones). */
    public TransactionState state(long txId) {
        Transactions.Coordinated c = transactions.coordinated.get(txId);
        if (c != null) {
            return c.state;
        }
        TransactionOutcome o = ledger.storedOutcome(txId);
        return o == null ? TransactionState.unknown : o.committed() ? TransactionState.committed
                : TransactionState.aborted;
    }
}
