package io.atta.server.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
        return format.format(LocalDateTime.ofInstant(instant, zone));
    }

    /** Formats a time given in nanoseconds since the epoch (the engine's clock), truncated to the second. */
    public static String formatEpochNanos(long epochNanos) {
        return format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, nanosPerSecond)));
    }

    /** The instant {@code text} names, or {@code isv.invalid-timestamp} saying the expected form. */
    public static GatewayResult<Instant> parse(String text) {
        if (text == null || text.length() != pattern.length()) {
            return GatewayResult.refused(invalid("timestamp must be " + pattern + " in GMT+8, e.g. 2024-01-31 13:45:00"));
        }
        try {
            return GatewayResult.ok(LocalDateTime.parse(text, format).toInstant(zone));
        } catch (DateTimeParseException e) {
            return GatewayResult.refused(invalid("timestamp must be " + pattern + " in GMT+8, e.g. 2024-01-31 13:45:00"));
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
