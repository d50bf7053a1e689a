package io.atta.engine.reminder;

import io.atta.core.command.Command;

/** The test product's one command: remind {@code userId} of {@code note} at {@code dueAt} (ns). */
public record ScheduleReminder(long reminderId, long userId, long dueAt, String note) implements Command {
}
