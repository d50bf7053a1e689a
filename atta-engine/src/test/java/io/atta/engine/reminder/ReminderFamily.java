package io.atta.engine.reminder;

import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.util.List;

/** The test product's commands and their binary form, under a code no standard family uses. */
public final class ReminderFamily implements CommandFamily {
    static final int scheduleCode = 200;

    @Override
    public String name() {
        return "reminder";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(new CommandType<>(scheduleCode, ScheduleReminder.class, r -> 8 + 8 + 8 + textBytes(r.note()),
                (r, b) -> putText(b.putLong(r.reminderId()).putLong(r.userId()).putLong(r.dueAt()), r.note()),
                b -> new ScheduleReminder(b.getLong(), b.getLong(), b.getLong(), getText(b))));
    }
}
