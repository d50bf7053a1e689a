package io.atta.engine.wealth;

import java.util.TreeMap;

/** The fund module's state on this shard: calendars and funds, by name and code. */
final class Funds {
    private static final FundCalendar weekends = new FundCalendar(FundCalendar.weekendsOnly, new int[0], new int[0]);

    final TreeMap<String, FundCalendar> calendars = new TreeMap<>();
    final TreeMap<String, Fund> funds = new TreeMap<>();

    /** The fund's calendar as it stands now (a calendar replaced later governs the days after). */
    FundCalendar calendarOf(Fund f) {
        return calendars.getOrDefault(f.terms.calendar(), weekends);
    }

    void clear() {
        calendars.clear();
        funds.clear();
    }
}
