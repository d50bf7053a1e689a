package io.atta.core.wealth;

import io.atta.core.command.Command;

/**
 * Defines (or replaces) a holiday calendar on one shard: the days (epoch days, ascending) that are
 * holidays and the make-up working days. The edge applies it on every shard. A fund's trading
 * days are its calendar's weekdays that are not holidays; make-up working days stay non-trading
 * days for funds (docs/FUND.md), and are kept so the calendar reads as published.
 */
public record DefineCalendar(String name, int[] holidays, int[] makeupWorkdays) implements Command {
    public DefineCalendar {
        name = name == null ? "" : name;
        holidays = holidays == null ? new int[0] : holidays;
        makeupWorkdays = makeupWorkdays == null ? new int[0] : makeupWorkdays;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefineCalendar d && d.name.equals(name) && java.util.Arrays.equals(d.holidays, holidays)
                && java.util.Arrays.equals(d.makeupWorkdays, makeupWorkdays);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(holidays) * 7 + java.util.Arrays.hashCode(makeupWorkdays);
    }

    @Override
    public String toString() {
        return "DefineCalendar[" + name + ", " + holidays.length + " holidays, " + makeupWorkdays.length + " make-up days]";
    }
}
