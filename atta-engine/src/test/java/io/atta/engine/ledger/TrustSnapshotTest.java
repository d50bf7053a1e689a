package io.atta.engine.ledger;

import static io.atta.engine.ledger.LedgerWorld.alice;
import static io.atta.engine.ledger.LedgerWorld.bob;
import static io.atta.engine.ledger.LedgerWorld.cny;
import static io.atta.engine.ledger.TrustResultRows.chan;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.Adjust;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateKey;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.RevokeKey;
import io.atta.core.command.Tick;
import io.atta.engine.audit.StateBesidesTheChain;
import io.atta.engine.channel.WithdrawalStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trust state in snapshots and the state hash: keys, channels, deposits, withdrawals and
 * adjustments survive a snapshot exactly, a replay of the same log gives the same hash, a
 * change to any of them changes the hash, and a snapshot from before them still loads.
 */
class TrustSnapshotTest {
    private static final long key = Ids.compose(LedgerWorld.homeSlot, Ids.firstUserLocalId + 80);
    private static final long w1 = Ids.platformId(LedgerWorld.homeSlot, 11);
    private static final long w2 = Ids.platformId(LedgerWorld.homeSlot, 12);
    private static final long w3 = Ids.platformId(LedgerWorld.homeSlot, 13);

    /** Every trust command, in the batches a server would log after {@link LedgerWorld#build()}. */
    private static List<Command[]> trustLog() {
        return List.of(
                new Command[] {new CreateChannel(chan, "Bank A", cny),
                    new CreateKey(key, Role.user, alice, 0, 5, 6, 7, 8, "laptop", 0)},
                new Command[] {new Deposit(Ids.platformId(LedgerWorld.homeSlot, 1), chan, alice, 700, cny, "r1"),
                    new RequestWithdrawal(w1, chan, alice, 100, cny, 60, "q1"),
                    new RequestWithdrawal(w2, chan, alice, 200, cny, 60, "q2"),
                    new RequestWithdrawal(w3, chan, alice, 300, cny, 1, "q3"),
                    new Adjust(Ids.platformId(LedgerWorld.homeSlot, 21), alice, 50, cny, false, key, "fee"),
                    new RevokeKey(bob, 0)},
                new Command[] {new ResolveWithdrawal(w1, chan, true, "ok-1"), new ResolveWithdrawal(w2, chan, false, "")});
    }

    private static LedgerWorld worldAfter(List<Command[]> log) {
        LedgerWorld w = LedgerWorld.build();
        for (Command[] batch : log) {
            w.applyAllOk(batch);
        }
        w.advanceSeconds(2);
        w.applyAllOk(Tick.instance);
        return w;
    }

    @Test
    void aSnapshotKeepsKeysChannelsDepositsWithdrawalsAndAdjustments() throws IOException {
        LedgerWorld a = worldAfter(trustLog());
        assertThat(a.ledger.channels().withdrawal(w3).status()).isEqualTo(WithdrawalStatus.expired);

        ShardLedger b = freshLike(a, a.store.copy());
        LedgerSnapshot.read(b, in(snapshot(a.ledger)));

        assertThat(b.stateHash()).isEqualTo(a.ledger.stateHash());
        assertThat(snapshot(b)).isEqualTo(snapshot(a.ledger));
        assertThat(b.keys().all()).isEqualTo(a.ledger.keys().all());
        assertThat(b.channels().channels()).isEqualTo(a.ledger.channels().channels());
        assertThat(b.channels().withdrawalsOf(alice)).isEqualTo(a.ledger.channels().withdrawalsOf(alice));
        assertThat(b.channels().depositsOf(alice)).isEqualTo(a.ledger.channels().depositsOf(alice));
        assertThat(b.adjustment(Ids.platformId(LedgerWorld.homeSlot, 21)))
                .isEqualTo(a.ledger.adjustment(Ids.platformId(LedgerWorld.homeSlot, 21)));
        // The restored ledger goes on like the original: the same answers, the same hash.
        Command[] next = {new ResolveWithdrawal(w1, chan, true, "ok-1"), new RevokeKey(key, 0),
            new Deposit(Ids.platformId(LedgerWorld.homeSlot, 2), chan, alice, 5, cny, "r2")};
        long ts = a.now;
        assertThat(b.apply(ts, next)).containsExactly(a.ledger.apply(ts, next));
        assertThat(b.stateHash()).isEqualTo(a.ledger.stateHash());
    }

    @Test
    void replayingTheEncodedLogGivesTheSameHash() {
        List<byte[]> entries = new ArrayList<>();
        long start = LedgerWorld.t0 + 1_000_000_000_000L;
        List<Command[]> log = trustLog();
        for (int i = 0; i < log.size(); i++) {
            entries.add(BatchCodec.encode(start + i, Arrays.asList(log.get(i))));
        }
        long first = replay(entries);

        assertThat(replay(entries)).isEqualTo(first);
        List<byte[]> changed = new ArrayList<>(entries);
        changed.set(2, BatchCodec.encode(start + 2, List.of(new ResolveWithdrawal(w1, chan, true, "ok-2"),
                new ResolveWithdrawal(w2, chan, false, ""))));
        assertThat(replay(changed)).as("only a withdrawal's channel reference differs").isNotEqualTo(first);
        changed.set(2, entries.get(2));
        changed.set(0, BatchCodec.encode(start, List.of(new CreateChannel(chan, "Bank A", cny),
                new CreateKey(key, Role.user, alice, 0, 5, 6, 7, 8, "desktop", 0))));
        assertThat(replay(changed)).as("only a key's label differs").isNotEqualTo(first);
    }

    private static long replay(List<byte[]> entries) {
        LedgerWorld w = LedgerWorld.build();
        for (byte[] e : entries) {
            BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(e));
            assertThat(w.ledger.apply(b.timestamp(), b.commands())).containsOnly(io.atta.core.command.Result.ok);
        }
        return w.ledger.stateHash();
    }

    @Test
    void aSnapshotFromBeforeKeysLoadsWithEachUsersTokenAsItsKey() throws IOException {
        LedgerWorld a = LedgerWorld.build();
        byte[] v5 = FixedLayoutSnapshot.version5(a.ledger);
        byte[] v4 = asVersion4(v5, a.ledger);

        ShardLedger b = freshLike(a, a.store.copy());
        LedgerSnapshot.read(b, in(v4));

        assertThat(b.keys().all()).isEqualTo(a.ledger.keys().all()).hasSize(2);
        assertThat(b.keys().key(alice).hash0()).isEqualTo(1);
        // A version-4 snapshot predates the audit chain: the rest of the state must be equal.
        assertThat(StateBesidesTheChain.hash(b)).isEqualTo(StateBesidesTheChain.hash(a.ledger));
    }

    /**
     * The same state as a version-4 snapshot wrote it: version 5 only appended the keys, channels
     * and adjustments sections (the last three) and bumped the version word.
     */
    private static byte[] asVersion4(byte[] v5, ShardLedger l) throws IOException {
        byte[] v4 = Arrays.copyOf(v5, v5.length - FixedLayoutSnapshot.version5Tail(l).length);
        ByteBuffer.wrap(v4).putInt(4, 4);
        return v4;
    }

    private static ShardLedger freshLike(LedgerWorld w, TransferStore store) {
        return new ShardLedger(LedgerWorld.shardId, LedgerWorld.homeSlot, slot -> slot != LedgerWorld.foreignSlot,
                store);
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
