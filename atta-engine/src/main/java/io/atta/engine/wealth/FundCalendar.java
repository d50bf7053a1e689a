package io.atta.engine.wealth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A holiday calendar: a fund's trading days are the weekdays that are not holidays. Make-up
 * working days (weekend days a government moves work to) are kept as published but stay
 * non-trading days for funds, as the fund rules say. Days are epoch days, sorted.
 */
public record FundCalendar(String name, int[] holidays, int[] makeupWorkdays) {
    /** The calendar a fund without one follows: weekends only. */
    public static final String weekendsOnly = "";
    /** How far ahead the next trading day is looked for before the calendar is called broken. */
    static final int maxDaysWithoutTrading = 366;

    public FundCalendar {
        holidays = holidays.clone();
        makeupWorkdays = makeupWorkdays.clone();
        Arrays.sort(holidays);
        Arrays.sort(makeupWorkdays);
    }

    public boolean isTradingDay(int day) {
        DayOfWeek w = LocalDate.ofEpochDay(day).getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && Arrays.binarySearch(holidays, day) < 0;
    }

    /** The first trading day after {@code day}. */
    public int nextTradingDayAfter(int day) {
        for (int d = day + 1; d <= day + maxDaysWithoutTrading; d++) {
            if (isTradingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException("calendar " + name + " has no trading day in the year after " + day);
    }

    /** {@code day} itself when it is a trading day, else the next one. */
    public int tradingDayFrom(int day) {
        return isTradingDay(day) ? day : nextTradingDayAfter(day);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FundCalendar c && c.name.equals(name) && Arrays.equals(c.holidays, holidays)
                && Arrays.equals(c.makeupWorkdays, makeupWorkdays);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(holidays);
    }
}
