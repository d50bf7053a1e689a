package io.atta.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Alipay gateway: {@code atta_gateway_requests_total{method,code}} counts answers by method
 * and code; {@code atta_gateway_verify_seconds} and {@code atta_gateway_sign_seconds} time the
 * RSA work of each request (checking its signature, signing the answer), so the share of the
 * gateway's time that goes to signatures can be read off a running server.
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final Timer verify;
    private final Timer sign;
    private final ConcurrentMap<String, Counter> requests = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.verify = Timer.builder("atta.gateway.verify").description("Checking a gateway request's signature, "
                + "with the protocol checks around it").register(registry);
        this.sign = Timer.builder("atta.gateway.sign").description("Writing and signing a gateway answer")
                .register(registry);
    }

    public Timer verify() {
        return verify;
    }

    public Timer sign() {
        return sign;
    }

    /** Counts an answer; {@code method} is one the gateway serves, or "unknown". */
    public void answered(String method, String code) {
        requests.computeIfAbsent(method + "\n" + code, k -> Counter.builder("atta.gateway.requests")
                .description("Gateway requests answered, by method and code")
                .tag("method", method).tag("code", code).register(registry)).increment();
    }
}
