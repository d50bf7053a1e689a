package io.atta.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests by method, route pattern and status, with their latency: Prometheus
 * {@code atta_http_requests_seconds_count/_sum/_max}. Routes are the declared patterns
 * ({@code /v1/accounts/{id}}), so the number of series stays bounded.
 */
public final class HttpMetrics {
    public static final String unmatchedRoute = "unmatched";
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, float elapsedMs) {
        String key = method + ' ' + route + ' ' + status;
        Timer t = timers.computeIfAbsent(key, k -> Timer.builder("atta.http.requests")
                .description("HTTP requests served, by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry));
        t.record((long) (elapsedMs * 1_000_000L), TimeUnit.NANOSECONDS);
    }
}
