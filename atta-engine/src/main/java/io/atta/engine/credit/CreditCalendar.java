package io.atta.engine.credit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Credit's days: local dates in {@link #zone} (statements, due dates and daily charges fall at
 * local midnight), as epoch days; periods as {@code year × 100 + month}.
 */
final class CreditCalendar {
    static final ZoneId zone = ZoneId.of("Asia/Shanghai");

    private CreditCalendar() {
    }

    /** The local day at {@code ts} (ns since the epoch). */
    static int dayAt(long ts) {
        return (int) Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L))
                .atZone(zone).toLocalDate().toEpochDay();
    }

    /** When local day {@code day} begins (ns since the epoch). */
    static long startOf(int day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
    }

    static int dayOfMonth(int day) {
        return LocalDate.ofEpochDay(day).getDayOfMonth();
    }

    /** The period ({@code yyyymm}) of a day. */
    static int periodOf(int day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        return d.getYear() * 100 + d.getMonthValue();
    }

    /** Months since year 0 of a day: consecutive months differ by one. */
    static int monthIndex(int day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }
}
