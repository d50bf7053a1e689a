package io.atta.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Merchant notification deliveries from this node: Prometheus
 * {@code atta_webhook_deliveries_total{outcome="delivered"|"failed"}} counts every delivery
 * tried, {@code atta_webhook_abandoned_total} the notifications given up after the last one.
 */
public final class WebhookMetrics {
    private final Counter delivered;
    private final Counter failed;
    private final Counter abandoned;

    public WebhookMetrics(MeterRegistry registry) {
        delivered = delivery(registry, "delivered");
        failed = delivery(registry, "failed");
        abandoned = Counter.builder("atta.webhook.abandoned")
                .description("Merchant notifications abandoned after their last failed delivery")
                .register(registry);
    }

    private static Counter delivery(MeterRegistry registry, String outcome) {
        return Counter.builder("atta.webhook.deliveries")
                .description("Merchant notification deliveries tried, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void delivered() {
        delivered.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void abandoned() {
        abandoned.increment();
    }
}
