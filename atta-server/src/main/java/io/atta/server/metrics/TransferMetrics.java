package io.atta.server.metrics;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transfers answered through the API, by result: Prometheus {@code atta_transfers_total{result}}.
 * Every result defined when the server starts has its series from the first scrape; a result
 * defined later (a product loaded on first use) gets its series when first counted.
 */
public final class TransferMetrics {
    /** Transfers answer with core results: a batch counts those in an array indexed by code. */
    private static final int coreCodes = ResultRange.core.last() + 1;

    private final MeterRegistry registry;
    private final Map<Result, Counter> byResult = new ConcurrentHashMap<>();

    public TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Result r : Result.all()) {
            counter(r);
        }
    }

    /** Counts one batch: one transfer answered with each of {@code results}. */
    public void record(Result[] results) {
        int[] counts = new int[coreCodes];
        for (Result r : results) {
            if (r.code() < coreCodes) {
                counts[r.code()]++;
            } else {
                counter(r).increment();
            }
        }
        for (int code = 0; code < coreCodes; code++) {
            if (counts[code] != 0) {
                counter(Result.ofCode(code)).increment(counts[code]);
            }
        }
    }

    private Counter counter(Result r) {
        return byResult.computeIfAbsent(r, k -> Counter.builder("atta.transfers")
                .description("Transfers answered through the API, by result")
                .tag("result", k.apiName())
                .register(registry));
    }
}
