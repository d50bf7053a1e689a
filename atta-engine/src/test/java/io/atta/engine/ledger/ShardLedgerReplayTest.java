package io.atta.engine.ledger;

import static io.atta.engine.ledger.TransferBuilder.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
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
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Determinism (docs/ARCHITECTURE.md §1.4, §9): the same log of encoded batches gives the same state
 * hash on every ledger that applies it, a different log a different hash, and a ledger
 * restored from a snapshot continues exactly like the one that wrote it.
 */
class ShardLedgerReplayTest {
    private static final int logLength = 300;

    /** A random log (as Raft would hold it) and the shard it was drawn for. */
    private record Log(RandomBatches shard, List<byte[]> entries) {
        ShardLedger freshLedger(TransferStore store) {
            return new ShardLedger(shard.shardId, shard.homeSlot, shard::ownsSlot, store);
        }
    }

    private static Log randomLog(long seed, int length) {
        RandomBatches gen = new RandomBatches(seed);
        ReferenceLedger model = new ReferenceLedger(gen.homeSlot, gen::ownsSlot);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            RandomBatches.Batch b = gen.next(model);
            model.apply(b.timestamp(), b.commands());
            entries.add(BatchCodec.encode(b.timestamp(), Arrays.asList(b.commands())));
        }
        return new Log(gen, entries);
    }

    private static Result[] applyEntry(ShardLedger l, byte[] entry) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
        return l.apply(b.timestamp(), b.commands());
    }

    private static long replay(ShardLedger l, List<byte[]> entries) {
        for (byte[] e : entries) {
            applyEntry(l, e);
        }
        return l.stateHash();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 0xC0FFEE})
    void theSameLogGivesTheSameStateOnEveryLedger(long seed) {
        Log log = randomLog(seed, logLength);
        InMemoryTransferStore storeA = new InMemoryTransferStore();
        ShardLedger a = log.freshLedger(storeA);
        ShardLedger b = log.freshLedger(new InMemoryTransferStore());
        Set<Long> hashes = new HashSet<>();

        for (int i = 0; i < log.entries().size(); i++) {
            Result[] ra = applyEntry(a, log.entries().get(i));
            Result[] rb = applyEntry(b, log.entries().get(i));
            assertThat(rb).as("seed %d entry %d results", seed, i).containsExactly(ra);
            assertThat(b.stateHash()).as("seed %d entry %d hash", seed, i).isEqualTo(a.stateHash());
            hashes.add(a.stateHash());
        }

        assertThat(hashes).as("the hash follows the state").hasSize(log.entries().size());
        assertThat(storeA.size()).as("the log did some work").isGreaterThan(100);
        assertThat(replay(log.freshLedger(new InMemoryTransferStore()), log.entries())).isEqualTo(a.stateHash());
    }

    @Test
    void aDifferentLogGivesADifferentHash() {
        Log log = randomLog(4, logLength);
        long original = replay(log.freshLedger(new InMemoryTransferStore()), log.entries());

        // One plain transfer that succeeded, one minor unit more.
        ShardLedger probe = log.freshLedger(new InMemoryTransferStore());
        List<byte[]> changed = null;
        for (int i = 0; i < log.entries().size() && changed == null; i++) {
            BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(log.entries().get(i)));
            Result[] r = probe.apply(b.timestamp(), b.commands());
            for (int k = 0; k < r.length; k++) {
                if (r[k] == Result.ok && b.commands()[k] instanceof CreateTransfer t && t.flags() == 0) {
                    Command[] commands = b.commands().clone();
                    commands[k] = new CreateTransfer(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount() + 1,
                            t.ledger(), t.code(), t.flags(), t.pendingId(), t.timeoutSeconds(), t.userData(),
                            t.actingUserId());
                    changed = new ArrayList<>(log.entries());
                    changed.set(i, BatchCodec.encode(b.timestamp(), Arrays.asList(commands)));
                    break;
                }
            }
        }
        assertThat(changed).as("the log has a successful plain transfer").isNotNull();
        assertThat(replay(log.freshLedger(new InMemoryTransferStore()), changed)).isNotEqualTo(original);

        // One entry fewer.
        List<byte[]> shorter = log.entries().subList(0, log.entries().size() - 1);
        assertThat(replay(log.freshLedger(new InMemoryTransferStore()), shorter)).isNotEqualTo(original);

        // Another log altogether.
        Log other = randomLog(5, logLength);
        assertThat(replay(other.freshLedger(new InMemoryTransferStore()), other.entries())).isNotEqualTo(original);
    }

    @Test
    void theSameBalancesReachedByAnotherHistoryHashDifferently() {
        long user = Ids.compose(0, Ids.firstUserLocalId);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
        Command createUser = new CreateUser(user, wallet, Currency.CNY.ledger(), 1, 2, 3, 4);
        ShardLedger twoSteps = ShardLedger.standalone(new InMemoryTransferStore());
        ShardLedger oneStep = ShardLedger.standalone(new InMemoryTransferStore());

        twoSteps.apply(1_000, new Command[] {createUser, transfer(1, bank, wallet, 30).build(),
                transfer(2, bank, wallet, 20).build()});
        oneStep.apply(1_000, new Command[] {createUser, transfer(1, bank, wallet, 50).build(), Tick.instance});

        assertThat(oneStep.accounts()).containsExactlyInAnyOrderElementsOf(twoSteps.accounts());
        assertThat(oneStep.lastTimestamp()).isEqualTo(twoSteps.lastTimestamp());
        assertThat(oneStep.stateHash()).isNotEqualTo(twoSteps.stateHash());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 7, 8, 9})
    void aLedgerRestoredFromASnapshotContinuesLikeTheOriginal(long seed) throws IOException {
        Log random = randomLog(seed, logLength);
        int cut = logLength / 3 + (int) (seed % 50);
        InMemoryTransferStore storeA = new InMemoryTransferStore();
        ShardLedger a = random.freshLedger(storeA);
        replay(a, random.entries().subList(0, cut));
        // Splice in a pending transfer that nothing in the log resolves, so that only the
        // expiry index the snapshot carries can release it.
        long pendingId = Long.MAX_VALUE - 1;
        List<byte[]> entries = new ArrayList<>(random.entries());
        entries.add(cut, untouchedPending(random.shard(), a.lastTimestamp() + 1, pendingId));
        assertThat(applyEntry(a, entries.get(cut))).containsOnly(Result.ok);
        cut++;
        Set<Long> openAtCut = openWithTimeout(storeA);
        assertThat(openAtCut).contains(pendingId);

        InMemoryTransferStore storeB = storeA.copy();
        ShardLedger b = random.freshLedger(storeB);
        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(snapshot(a))));

        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        assertThat(b.lastTimestamp()).isEqualTo(a.lastTimestamp());
        assertThat(byId(b.accounts())).isEqualTo(byId(a.accounts()));
        assertThat(b.userCount()).isEqualTo(a.userCount());
        assertThat(b.openPendingCount()).isEqualTo(a.openPendingCount());
        assertThat(snapshot(b)).as("a restored ledger writes the same snapshot").hasSameSizeAs(snapshot(a));
        for (int i = cut; i < entries.size(); i++) {
            Result[] ra = applyEntry(a, entries.get(i));
            Result[] rb = applyEntry(b, entries.get(i));
            assertThat(rb).as("seed %d entry %d results", seed, i).containsExactly(ra);
            assertThat(b.stateHash()).as("seed %d entry %d hash", seed, i).isEqualTo(a.stateHash());
        }
        // Past every timeout: whatever is still open must now expire through the restored expiry index.
        long later = a.lastTimestamp() + (Limits.maxTimeoutSeconds + 1L) * 1_000_000_000L;
        assertThat(b.apply(later, new Command[] {Tick.instance})).containsExactly(Result.ok);
        assertThat(a.apply(later, new Command[] {Tick.instance})).containsExactly(Result.ok);
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        assertThat(storeB.records()).isEqualTo(storeA.records());
        List<PendingStatus> fates = openAtCut.stream().map(id -> storeB.records().get(id).status()).toList();
        assertThat(fates).as("what became of the pending transfers open at the cut").doesNotContain(PendingStatus.pending);
        assertThat(storeB.records().get(pendingId).status()).isEqualTo(PendingStatus.expired);
        assertThat(b.openPendingTransfer(pendingId)).isNull();

        ShardLedger straight = random.freshLedger(new InMemoryTransferStore());
        replay(straight, entries);
        straight.apply(later, new Command[] {Tick.instance});
        assertThat(straight.stateHash()).as("never snapshotted").isEqualTo(a.stateHash());
    }

    /** A log entry creating a user and a pending top-up of its wallet with a 10-minute timeout. */
    private static byte[] untouchedPending(RandomBatches shard, long timestamp, long pendingId) {
        long user = Ids.compose(shard.homeSlot, Ids.localMask - 1);
        long wallet = Ids.compose(shard.homeSlot, Ids.localMask);
        long bank = HouseAccount.bankFunding.id(shard.homeSlot, Currency.CNY);
        return BatchCodec.encode(timestamp, List.of(new CreateUser(user, wallet, Currency.CNY.ledger(), 9, 9, 9, 9),
                TransferBuilder.pending(pendingId, bank, wallet, 5, 600).build()));
    }

    @Test
    void aSnapshotOfAnotherShardIsRefused() throws IOException {
        Log log = randomLog(10, 20);
        ShardLedger a = log.freshLedger(new InMemoryTransferStore());
        replay(a, log.entries());
        byte[] bytes = snapshot(a);
        RandomBatches s = log.shard();
        ShardLedger otherShard = new ShardLedger(s.shardId + 1, s.homeSlot, s::ownsSlot, new InMemoryTransferStore());
        ShardLedger otherHome = new ShardLedger(s.shardId, s.otherSlot, s::ownsSlot, new InMemoryTransferStore());

        assertThatThrownBy(() -> LedgerSnapshot.read(otherShard, new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LedgerSnapshot.read(otherHome, new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class);
        bytes[0] ^= 1;
        ShardLedger same = log.freshLedger(new InMemoryTransferStore());
        assertThatThrownBy(() -> LedgerSnapshot.read(same, new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class);
    }

    private static Set<Long> openWithTimeout(InMemoryTransferStore store) {
        Set<Long> out = new HashSet<>();
        store.records().values().forEach(r -> {
            if (r.status() == PendingStatus.pending && r.timeoutSeconds() > 0) {
                out.add(r.id());
            }
        });
        return out;
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static TreeMap<Long, AccountState> byId(List<AccountState> accounts) {
        TreeMap<Long, AccountState> out = new TreeMap<>();
        accounts.forEach(a -> out.put(a.id(), a));
        return out;
    }
}
