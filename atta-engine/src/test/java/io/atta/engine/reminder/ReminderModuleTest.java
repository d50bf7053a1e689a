package io.atta.engine.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Families;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.engine.ShardModules;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * Adding a product = a new package plus one line in each module list: the reminder module of the
 * test tree adds a command (with its family and code), a time-driven rule and a snapshot section
 * without any change to a shared main file, and the shard applies, ticks, snapshots, restores
 * and hashes it, and the codec round-trips it, like any standard domain.
 */
class ReminderModuleTest {
    private static final long t0 = 1_700_000_000_000_000_000L;
    private static final long secondNs = 1_000_000_000L;
    private static final long alice = 1L << 20 | 1;
    private static final long aliceWallet = 1L << 20 | 2;
    private static final long reminder = 7;
    private static final long dueAt = t0 + 60 * secondNs;

    /** The engine's module list with the product's line added. */
    private static List<Function<ShardServices, ShardModule>> modules() {
        List<Function<ShardServices, ShardModule>> m = new ArrayList<>(ShardModules.standard());
        m.add(ReminderModule::new);
        return m;
    }

    /** The core family list with the product's line added. */
    private static final BatchCodec codec;

    static {
        List<CommandFamily> families = new ArrayList<>(Families.standard());
        families.add(new ReminderFamily());
        codec = new BatchCodec(families);
    }

    private static ShardLedger shard(InMemoryTransferStore store) {
        return new ShardLedger(0, 0, s -> true, store, modules());
    }

    /** Applies the commands as the Raft log would hold them: encoded, then decoded. */
    private static Result[] apply(ShardLedger l, long ts, Command... commands) {
        BatchCodec.Batch b = codec.read(ByteBuffer.wrap(codec.write(ts, List.of(commands))));
        return l.apply(b.timestamp(), b.commands());
    }

    private static ShardLedger withAReminder(InMemoryTransferStore store) {
        ShardLedger l = shard(store);
        assertThat(apply(l, t0, new CreateUser(alice, aliceWallet, 156, 1, 2, 3, 4),
                new ScheduleReminder(reminder, alice, dueAt, "pay the rent · 交房租"),
                new ScheduleReminder(8, alice + 100, dueAt, "nobody"),
                new ScheduleReminder(reminder, alice, dueAt + 1, "changed")))
                .containsExactly(Result.ok, Result.ok, Result.user_not_found, Result.exists_with_different_fields);
        return l;
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void theShardAppliesTheProductsCommandAndTicksItsRuleWhenDue() {
        ShardLedger l = withAReminder(new InMemoryTransferStore());
        ReminderModule reminders = l.module(ReminderModule.class);

        assertThat(reminders.reminder(reminder).note()).isEqualTo("pay the rent · 交房租");
        assertThat(l.nextDueAt()).as("the product's rule is what falls due next").isEqualTo(dueAt);
        assertThat(apply(l, dueAt - 1, Tick.instance)).containsExactly(Result.ok);
        assertThat(reminders.reminder(reminder).firedAt()).as("not yet due").isZero();

        assertThat(apply(l, dueAt, Tick.instance)).containsExactly(Result.ok);

        assertThat(reminders.reminder(reminder).firedAt()).isEqualTo(dueAt);
        assertThat(l.nextDueAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theProductsSectionIsSnapshottedRestoredAndHashed() throws IOException {
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger a = withAReminder(store);
        ShardLedger b = shard(store.copy());

        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(snapshot(a))));

        assertThat(b.module(ReminderModule.class).reminder(reminder)).isEqualTo(a.module(ReminderModule.class)
                .reminder(reminder));
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        apply(a, dueAt, Tick.instance);
        apply(b, dueAt, Tick.instance);
        assertThat(b.module(ReminderModule.class).reminder(reminder).firedAt()).isEqualTo(dueAt);
        assertThat(b.stateHash()).as("the restored shard continues alike").isEqualTo(a.stateHash());

        ShardLedger other = withAReminder(new InMemoryTransferStore());
        apply(other, dueAt + 1, Tick.instance);
        assertThat(other.stateHash()).as("the hash covers the product's state").isNotEqualTo(a.stateHash());
    }

    @Test
    void aSnapshotWithoutTheProductsSectionLoadsWithTheProductEmpty() throws IOException {
        ShardLedger before = ShardLedger.standalone(new InMemoryTransferStore());
        apply(before, t0, new CreateUser(alice, aliceWallet, 156, 1, 2, 3, 4));
        ShardLedger after = shard(new InMemoryTransferStore());
        assertThat(apply(after, t0, new CreateUser(alice, aliceWallet, 156, 1, 2, 3, 4),
                new ScheduleReminder(9, alice, dueAt, "before the restore"))).containsOnly(Result.ok);

        LedgerSnapshot.read(after, new DataInputStream(new ByteArrayInputStream(snapshot(before))));

        assertThat(after.module(ReminderModule.class).reminder(9)).isNull();
        assertThat(after.user(alice)).isNotNull();
        assertThat(apply(after, t0 + 1, new ScheduleReminder(reminder, alice, dueAt, "x"))).containsExactly(Result.ok);
    }

    @Test
    void aShardWithoutTheProductRefusesItsCommandAndItsSnapshot() throws IOException {
        ShardLedger standard = ShardLedger.standalone(new InMemoryTransferStore());
        byte[] withProduct = snapshot(withAReminder(new InMemoryTransferStore()));

        assertThatThrownBy(() -> standard.apply(t0, new Command[] {new ScheduleReminder(1, alice, dueAt, "")}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no module applies");
        assertThatThrownBy(() -> LedgerSnapshot.read(standard,
                new DataInputStream(new ByteArrayInputStream(withProduct))))
                .isInstanceOf(IOException.class).hasMessageContaining("\"reminder\"");
    }

    @Test
    void theCodecBuiltWithTheProductsFamilyRoundTripsItsCommand() {
        ScheduleReminder r = new ScheduleReminder(-1, Long.MAX_VALUE, Long.MIN_VALUE, "提醒 · 🔔");
        byte[] bytes = codec.write(t0, List.of(Tick.instance, r));

        assertThat(bytes[BatchCodec.headerBytes + 1]).isEqualTo((byte) ReminderFamily.scheduleCode);
        assertThat(codec.read(ByteBuffer.wrap(bytes)).commands()).containsExactly(Tick.instance, r);
        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .as("the build's codec does not know the product").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("command type 200");
    }
}
