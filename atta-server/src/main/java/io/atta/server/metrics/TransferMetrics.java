package io.atta.server.metrics;

import io.atta.core.command.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Transfers answered through the API, by result: Prometheus {@code atta_transfers_total{result}}. */
public final class TransferMetrics {
    private final Counter[] byResult = new Counter[Result.values().length];

    public TransferMetrics(MeterRegistry registry) {
        for (Result r : Result.values()) {
            byResult[r.ordinal()] = Counter.builder("atta.transfers")
                    .description("Transfers answered through the API, by result")
                    .tag("result", r.apiName())
                    .register(registry);
        }
    }

    /** Counts one batch: {@code counts[result.ordinal()]} transfers answered with each result. */
    public void record(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                byResult[i].increment(counts[i]);
            }
        }
    }
}
