package io.atta.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.audit.EventTypes;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ShardModules;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.io.DataInput;
import java.io.DataOutput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The shard's batch journal (docs/AUDIT.md §1): a consumer gets each batch's events once, in
 * apply order, with the batch's log index and first timestamp; a linked chain that fails leaves
 * no event; a shard whose journal has no consumer writes none.
 */
class BatchEventsTest {
    private static final int cny = Currency.CNY.ledger();
    private static final long user = Ids.compose(0, Ids.firstUserLocalId);
    private static final long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
    private static final long bank = HouseAccount.bankFunding.id(0, Currency.CNY);

    /** A module of the test tree that only records what the journal hands it. */
    static final class Recorder implements ShardModule, BatchEvents.Consumer {
        final List<List<byte[]>> batches = new ArrayList<>();
        final List<long[]> headers = new ArrayList<>();
        final BatchEvents journal;

        Recorder(ShardServices shard) {
            this(shard, true);
        }

        /** {@code listen} false: it keeps the journal at hand without consuming it. */
        Recorder(ShardServices shard, boolean listen) {
            journal = shard.events();
            if (listen) {
                journal.addConsumer(this);
            }
        }

        @Override
        public void batchApplied(BatchEvents e) {
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < e.count(); i++) {
                events.add(e.copy(i));
            }
            batches.add(events);
            headers.add(new long[] {e.logIndex(), e.timestamp()});
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public CommandFamily family() {
            return new CommandFamily() {
                @Override
                public String name() {
                    return "recorder";
                }

                @Override
                public List<CommandType<?>> types() {
                    return List.of();
                }
            };
        }

        @Override
        public void apply(Command c, long ts, Result[] out, int at) {
            throw new IllegalArgumentException(c.toString());
        }

        @Override
        public int sectionVersion() {
            return 1;
        }

        @Override
        public void writeSection(DataOutput out) {
        }

        @Override
        public void readSection(DataInput in, int version) {
        }

        @Override
        public void clear() {
        }

        @Override
        public long digest() {
            return 0;
        }
    }

    private static CreateTransfer transfer(long n, long debit, long credit, long amount, int flags) {
        return new CreateTransfer(Ids.compose(0, n), debit, credit, amount, cny, 1, flags, 0, 0, 0, 0);
    }

    private static long idOf(byte[] event) {
        return ByteBuffer.wrap(event, 1, 8).getLong();
    }

    @Test
    void aConsumerGetsEachBatchsEventsInApplyOrderAndNoneOfAFailedChain() {
        List<Function<ShardServices, ShardModule>> modules = new ArrayList<>(ShardModules.standard());
        modules.add(Recorder::new);
        ShardLedger shard = new ShardLedger(0, 0, s -> true, new InMemoryTransferStore(), modules);
        Recorder r = shard.module(Recorder.class);

        shard.setLogIndex(41);
        assertThat(shard.apply(1_000, new Command[] {new CreateUser(user, wallet, cny, 1, 2, 3, 4),
                transfer(1, bank, wallet, 500, 0)})).containsOnly(Result.ok);
        shard.setLogIndex(42);
        assertThat(shard.apply(2_000, new Command[] {
                transfer(2, bank, wallet, 100, 0),
                transfer(3, wallet, bank, 50, TransferFlags.linked),
                transfer(4, wallet, bank, 1_000_000, 0),
                transfer(5, wallet, bank, 30, 0)}))
                .containsExactly(Result.ok, Result.linked_event_failed, Result.insufficient_funds, Result.ok);

        assertThat(r.batches).hasSize(2);
        assertThat(r.headers.get(1)).containsExactly(42, 2_000);
        List<byte[]> second = r.batches.get(1);
        assertThat(second).allMatch(e -> e[0] == EventTypes.transfer);
        assertThat(second.stream().map(BatchEventsTest::idOf).toList()).as("the failed chain left no event")
                .containsExactly(Ids.compose(0, 2), Ids.compose(0, 5));
    }

    @Test
    void aJournalWithoutAConsumerWritesNothing() {
        // The standard list without its consumer (the audit chain), plus a module that only holds the journal.
        List<Function<ShardServices, ShardModule>> modules = new ArrayList<>();
        ShardServices probe = new ShardServices(0, 0, x -> true);
        probe.built(new io.atta.engine.ledger.LedgerModule(probe, new InMemoryTransferStore()));
        for (Function<ShardServices, ShardModule> f : ShardModules.standard()) {
            ShardModule m = f.apply(probe);
            probe.built(m);
            if (!(m instanceof io.atta.engine.audit.AuditModule)) {
                modules.add(f);
            }
        }
        modules.add(s -> new Recorder(s, false));
        ShardLedger shard = new ShardLedger(0, 0, s -> true, new InMemoryTransferStore(), modules);
        BatchEvents journal = shard.module(Recorder.class).journal;

        shard.apply(1_000, new Command[] {new CreateUser(user, wallet, cny, 1, 2, 3, 4),
                transfer(1, bank, wallet, 500, 0)});

        assertThat(journal.active()).isFalse();
        assertThat(journal.count()).isZero();
        assertThat(journal.bytes()).isZero();
    }
}
