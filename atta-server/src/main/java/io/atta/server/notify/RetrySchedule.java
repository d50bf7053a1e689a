package io.atta.server.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long to wait after each failed delivery of a notification before the next one: after the
 * {@code k}-th failed delivery, {@code intervals[k-1]}; after the last interval is used up, the
 * notification is abandoned. So a schedule of {@code n} intervals makes {@code n + 1} deliveries.
 *
 * @param intervals the waits, in order; 1 to {@link #maxIntervals}, each 1 ms to {@link #maxInterval}
 */
public record RetrySchedule(List<Duration> intervals) {
    /** Most intervals a schedule may have. */
    public static final int maxIntervals = 32;
    /** Longest single wait. */
    public static final Duration maxInterval = Duration.ofDays(7);
    /** The default, as {@link #parse} reads it: 8 deliveries over about 24 hours. */
    public static final String standardText = "15s,1m,5m,30m,2h,6h,15h";
    public static final RetrySchedule standard = parse(standardText);

    public RetrySchedule {
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty() || intervals.size() > maxIntervals) {
            throw new IllegalArgumentException("a retry schedule has 1 to " + maxIntervals
                    + " (maxIntervals) intervals, got " + intervals.size());
        }
        for (Duration d : intervals) {
            if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(maxInterval) > 0) {
                throw new IllegalArgumentException("a retry interval is between 1ms and " + maxInterval.toDays()
                        + "d (maxInterval), got " + d);
            }
        }
    }

    /**
     * Parses a comma-separated list of waits, each a whole number with a unit: {@code ms},
     * {@code s}, {@code m}, {@code h} or {@code d} ({@code "15s,1m,5m"}).
     *
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public static RetrySchedule parse(String text) {
        List<Duration> out = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            out.add(interval(entry.trim()));
        }
        return new RetrySchedule(out);
    }

    private static Duration interval(String entry) {
        int unitAt = 0;
        while (unitAt < entry.length() && Character.isDigit(entry.charAt(unitAt))) {
            unitAt++;
        }
        // At most 9 digits: a week in milliseconds fits, and no entry can overflow a long.
        if (unitAt == 0 || unitAt > 9) {
            throw new IllegalArgumentException("a retry interval is a whole number and a unit (ms, s, m, h, d),"
                    + " such as 15s; got \"" + entry + "\"");
        }
        long n = Long.parseLong(entry.substring(0, unitAt));
        return switch (entry.substring(unitAt)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("a retry interval's unit is ms, s, m, h or d; got \""
                    + entry + "\"");
        };
    }

    /** How many deliveries a notification gets before it is abandoned. */
    public int maxDeliveries() {
        return intervals.size() + 1;
    }

    /**
     * When to deliver again after failed delivery number {@code delivery} (1 for the first)
     * ended at {@code nowNanos}; -1 when that was the last one and the notification is abandoned.
     */
    public long nextAttemptAt(int delivery, long nowNanos) {
        if (delivery < 1) {
            throw new IllegalArgumentException("deliveries count from 1, got " + delivery);
        }
        if (delivery > intervals.size()) {
            return -1;
        }
        return Math.addExact(nowNanos, intervals.get(delivery - 1).toNanos());
    }

    /** The schedule as {@link #parse} reads it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Duration d : intervals) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(text(d));
        }
        return out.toString();
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
