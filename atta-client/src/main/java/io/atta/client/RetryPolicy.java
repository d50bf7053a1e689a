package io.atta.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and jitter. A request is retried only when repeating
 * it is safe: after {@code 429 busy} or {@code 503 unavailable} (Atta refused it, so nothing
 * changed) or after a connection failure when the request carries its own ids (the server
 * answers a repeat with the original result). Every attempt sends the same bytes.
 *
 * @param maxAttempts      attempts in total, including the first
 * @param initialBackoffMs delay before the second attempt
 * @param maxBackoffMs     cap on any one delay
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {
    public static final int maxMaxAttempts = 100;

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > maxMaxAttempts) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + maxMaxAttempts + " (maxMaxAttempts), got "
                    + maxAttempts);
        }
        if (initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
            throw new IllegalArgumentException("need 0 <= initialBackoffMs <= maxBackoffMs, got " + initialBackoffMs
                    + " and " + maxBackoffMs);
        }
    }

    /** 8 attempts, 10 ms doubling to at most 1 s: about 2.5 s of patience in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, 10, 1000);
    }

    /** One attempt: failures go straight to the caller. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, 0, 0);
    }

    /**
     * The delay before attempt {@code attempt + 1} (attempts count from 1): exponential, capped,
     * with "equal jitter" so that callers refused together do not come back together.
     */
    long backoffMs(int attempt) {
        long capped = initialBackoffMs;
        for (int i = 1; i < attempt && capped < maxBackoffMs; i++) {
            capped = Math.min(maxBackoffMs, capped * 2);
        }
        long half = capped / 2;
        return half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1));
    }
}
