package io.atta.server.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * The protocol's times: {@code yyyy-MM-dd HH:mm:ss} in GMT+8 (China Standard Time, no daylight
 * saving), in requests ({@code timestamp}), replies and notifications. The SDK formats its
 * {@code timestamp} with exactly that pattern, so parsing accepts nothing looser.
 */
public final class GatewayTime {
    public static final ZoneOffset zone = ZoneOffset.ofHours(8);
    public static final String pattern = "yyyy-MM-dd HH:mm:ss";
    /** How far a request's {@code timestamp} may be from the platform's clock, either side, by default. */
    public static final Duration defaultMaxSkew = Duration.ofMinutes(15);
    public static final String timestampParameter = "timestamp";

    private static final DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final long nanosPerSecond = 1_000_000_000L;

    private GatewayTime() {
    }

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, zone);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return format.format(t);
        }
        char[] text = new char[pattern.length()];
        put(text, 0, t.getYear(), 4);
        text[4] = '-';
        put(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, t.getDayOfMonth(), 2);
        text[10] = ' ';
        put(text, 11, t.getHour(), 2);
        text[13] = ':';
        put(text, 14, t.getMinute(), 2);
        text[16] = ':';
        put(text, 17, t.getSecond(), 2);
        return new String(text);
    }

    /** Formats a time given in nanoseconds since the epoch (the engine's clock), truncated to the second. */
    public static String formatEpochNanos(long epochNanos) {
        return format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, nanosPerSecond)));
    }

    /**
     * The instant {@code text} names, or {@code isv.invalid-timestamp} saying the expected form.
     * Every request carries one, so it is read by position rather than through a
     * {@link DateTimeFormatter}; it accepts exactly what the strict {@code uuuu-MM-dd HH:mm:ss}
     * formatter accepts (ASCII digits, real dates: no 24:00, no February 30).
     */
    public static GatewayResult<Instant> parse(String text) {
        LocalDateTime t = text == null || text.length() != pattern.length() ? null : fields(text);
        if (t == null) {
            return GatewayResult.refused(invalid("timestamp must be " + pattern + " in GMT+8, e.g. 2024-01-31 13:45:00"));
        }
        return GatewayResult.ok(t.toInstant(zone));
    }

    /** The date and time of a text of the pattern's length, or null unless every field is in its range. */
    private static LocalDateTime fields(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    /** The decimal number of ASCII digits at {@code s[from, from + count)}, or -1 if any is not one. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The request's time when it parses and lies within {@code maxSkew} of {@code now} either side;
     * else {@code isv.invalid-timestamp} naming the limit. A stale timestamp bounds how long a
     * captured request can be replayed.
     */
    public static GatewayResult<Instant> checkWithin(String text, Instant now, Duration maxSkew) {
        GatewayResult<Instant> parsed = parse(text);
        if (!parsed.isOk()) {
            return parsed;
        }
        Duration skew = Duration.between(parsed.value(), now).abs();
        if (skew.compareTo(maxSkew) > 0) {
            return GatewayResult.refused(invalid("timestamp " + text + " is more than " + maxSkew.toMinutes()
                    + " minutes from the platform's time " + format(now) + " (GMT+8)"));
        }
        return parsed;
    }

    private static GatewayError invalid(String subMsg) {
        return GatewayError.Fault.INVALID_TIMESTAMP.error(subMsg);
    }
}
