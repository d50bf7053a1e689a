package io.atta.core.lending;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The loans' calendar: days are local days in {@link #zone} (Asia/Shanghai, where Jiebei's due
 * dates fall), counted as epoch days; a day's penalty accrues from its local midnight.
 */
public final class LoanDays {
    public static final ZoneId zone = ZoneId.of("Asia/Shanghai");

    private LoanDays() {
    }

    /** The local day (epoch day) at {@code ts} (ns since the epoch). */
    public static int dayAt(long ts) {
        return (int) Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L))
                .atZone(zone).toLocalDate().toEpochDay();
    }

    /** When local day {@code day} begins (ns since the epoch). */
    public static long startOf(int day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
    }
}
