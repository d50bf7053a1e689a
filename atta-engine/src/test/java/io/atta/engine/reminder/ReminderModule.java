package io.atta.engine.reminder;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A product in the test tree, to show what adding one takes: a package with its command, its
 * family and this module, and one line in each module list (see {@link ReminderModuleTest}).
 * A reminder is scheduled for a user of this shard and fires on the first tick at or after its
 * due time; the module keeps its reminders in its own snapshot section.
 */
public final class ReminderModule implements ShardModule {
    /** One reminder; {@code firedAt} 0 until a tick fires it. */
    public record Reminder(long reminderId, long userId, long dueAt, String note, long scheduledAt, long firedAt) {
    }

    private final LedgerModule ledger;
    private final TreeMap<Long, Reminder> reminders = new TreeMap<>();

    public ReminderModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class);
    }

    /** The read facade: the reminder, or null. */
    public Reminder reminder(long reminderId) {
        return reminders.get(reminderId);
    }

    @Override
    public String name() {
        return "reminder";
    }

    @Override
    public CommandFamily family() {
        return new ReminderFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        ScheduleReminder s = (ScheduleReminder) c;
        if (s.reminderId() == 0) {
            out[at] = Result.id_must_not_be_zero;
        } else if (reminders.containsKey(s.reminderId())) {
            Reminder r = reminders.get(s.reminderId());
            boolean same = r.userId() == s.userId() && r.dueAt() == s.dueAt() && r.note().equals(s.note());
            out[at] = same ? Result.exists : Result.exists_with_different_fields;
        } else if (ledger.user(s.userId()) == null) {
            out[at] = Result.user_not_found;
        } else {
            reminders.put(s.reminderId(), new Reminder(s.reminderId(), s.userId(), s.dueAt(), s.note(), ts, 0));
            out[at] = Result.ok;
        }
    }

    @Override
    public void tick(long ts) {
        for (Map.Entry<Long, Reminder> e : reminders.entrySet()) {
            Reminder r = e.getValue();
            if (r.firedAt() == 0 && r.dueAt() <= ts) {
                e.setValue(new Reminder(r.reminderId(), r.userId(), r.dueAt(), r.note(), r.scheduledAt(), ts));
            }
        }
    }

    @Override
    public long nextDueAt() {
        long due = Long.MAX_VALUE;
        for (Reminder r : reminders.values()) {
            if (r.firedAt() == 0) {
                due = Math.min(due, r.dueAt());
            }
        }
        return due;
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        out.writeInt(reminders.size());
        for (Reminder r : reminders.values()) {
            out.writeLong(r.reminderId());
            out.writeLong(r.userId());
            out.writeLong(r.dueAt());
            out.writeUTF(r.note());
            out.writeLong(r.scheduledAt());
            out.writeLong(r.firedAt());
        }
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        reminders.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Reminder r = new Reminder(in.readLong(), in.readLong(), in.readLong(), in.readUTF(), in.readLong(),
                    in.readLong());
            reminders.put(r.reminderId(), r);
        }
    }

    @Override
    public void clear() {
        reminders.clear();
    }
}
