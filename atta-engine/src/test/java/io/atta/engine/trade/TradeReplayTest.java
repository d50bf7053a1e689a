package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.TradeOp;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Determinism of the trade rules (docs/ARCHITECTURE.md §1.4, §9), over logs of encoded batches drawn
 * by {@link RandomTradeBatches}: the same log gives the same state hash on every ledger that
 * applies it, a log that differs in one trade's text gives another, and a ledger restored from
 * a snapshot taken in the middle of the log continues exactly like the one that wrote it.
 */
class TradeReplayTest {
    private static final int logLength = 300;

    private static List<byte[]> randomLog(long seed) {
        RandomTradeBatches gen = new RandomTradeBatches(seed);
        TradeModel model = new TradeModel();
        List<byte[]> entries = new ArrayList<>();
        RandomTradeBatches.Batch setup = gen.setup();
        entries.add(BatchCodec.encode(setup.timestamp(), Arrays.asList(setup.commands())));
        gen.teach(model);
        model.apply(setup.timestamp(), Arrays.stream(setup.commands()).filter(c -> c instanceof CreateTransfer)
                .toArray(Command[]::new));
        model.last = setup.timestamp() + setup.commands().length - 1;
        for (int i = 0; i < logLength; i++) {
            RandomTradeBatches.Batch b = gen.next(model);
            model.apply(b.timestamp(), b.commands());
            entries.add(BatchCodec.encode(b.timestamp(), Arrays.asList(b.commands())));
        }
        return entries;
    }

    private static ShardLedger freshLedger() {
        return ShardLedger.standalone(new InMemoryTransferStore());
    }

    private static Result[] applyEntry(ShardLedger l, byte[] entry) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
        return l.apply(b.timestamp(), b.commands());
    }

    private static long replay(ShardLedger l, List<byte[]> entries) {
        entries.forEach(e -> applyEntry(l, e));
        return l.stateHash();
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theSameLogGivesTheSameStateOnEveryLedger(long seed) {
        List<byte[]> log = randomLog(seed);
        ShardLedger a = freshLedger();
        ShardLedger b = freshLedger();
        Set<Long> hashes = new HashSet<>();

        for (int i = 0; i < log.size(); i++) {
            Result[] ra = applyEntry(a, log.get(i));
            assertThat(applyEntry(b, log.get(i))).as("entry %d results", i).containsExactly(ra);
            assertThat(b.stateHash()).as("entry %d hash", i).isEqualTo(a.stateHash());
            hashes.add(a.stateHash());
        }

        assertThat(hashes).as("the hash follows the state").hasSize(log.size());
        assertThat(a.trades().tradeCount()).as("the log did some trading").isGreaterThanOrEqualTo(10);
        assertThat(replay(freshLedger(), log)).isEqualTo(a.stateHash());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void aLogThatDiffersInOneRefundReasonGivesAnotherHash(long seed) {
        List<byte[]> log = randomLog(seed);
        long original = replay(freshLedger(), log);

        ShardLedger probe = freshLedger();
        List<byte[]> changed = null;
        for (int i = 0; i < log.size() && changed == null; i++) {
            BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(log.get(i)));
            Result[] r = probe.apply(b.timestamp(), b.commands());
            for (int k = 0; k < r.length; k++) {
                if (r[k] == Result.ok && b.commands()[k] instanceof TradeAction a && a.op() == TradeOp.requestRefund) {
                    Command[] commands = b.commands().clone();
                    commands[k] = new TradeAction(a.tradeNo(), a.op(), a.actingUserId(), a.refundId(), a.amount(),
                            a.text1() + "!", a.text2());
                    changed = new ArrayList<>(log);
                    changed.set(i, BatchCodec.encode(b.timestamp(), Arrays.asList(commands)));
                    break;
                }
            }
        }

        assertThat(changed).as("the log asks for a refund").isNotNull();
        assertThat(replay(freshLedger(), changed)).isNotEqualTo(original);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 7, 8})
    void aLedgerRestoredInTheMiddleOfTheLogContinuesLikeTheOriginal(long seed) throws IOException {
        List<byte[]> log = randomLog(seed);
        int cut = log.size() / 3 + (int) (seed * 17 % 50);
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger a = ShardLedger.standalone(store);
        replay(a, log.subList(0, cut));

        ShardLedger b = ShardLedger.standalone(store.copy());
        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(snapshot(a))));

        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        for (int i = cut; i < log.size(); i++) {
            Result[] ra = applyEntry(a, log.get(i));
            assertThat(applyEntry(b, log.get(i))).as("entry %d results", i).containsExactly(ra);
            assertThat(b.stateHash()).as("entry %d hash", i).isEqualTo(a.stateHash());
        }
        // Far past every deadline: whatever is still due fires from the rules the snapshot rebuilt.
        long later = a.lastTimestamp() + 400L * 24 * 3600 * 1_000_000_000L;
        for (int i = 0; i < 2; i++) {
            a.apply(later + i, new Command[] {Tick.instance});
            b.apply(later + i, new Command[] {Tick.instance});
            assertThat(b.stateHash()).isEqualTo(a.stateHash());
        }
        assertThat(b.trades().nextDueAt()).isEqualTo(Long.MAX_VALUE);
        assertThat(snapshot(b)).isEqualTo(snapshot(a));

        ShardLedger straight = freshLedger();
        replay(straight, log);
        straight.apply(later, new Command[] {Tick.instance});
        straight.apply(later + 1, new Command[] {Tick.instance});
        assertThat(straight.stateHash()).as("never snapshotted").isEqualTo(a.stateHash());
    }
}
