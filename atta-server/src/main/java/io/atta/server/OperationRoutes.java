package io.atta.server;

import io.atta.server.http.RouteTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's own routes, which need no API key (docs/API.md, Operations): {@code /health} for
 * load balancers, {@code /metrics} for Prometheus, {@code /openapi.json} describing every route.
 */
final class OperationRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        byte[] openApi = openApi();
        r.openGet("/health", ctx -> {
            boolean ok = context.healthy().getAsBoolean();
            String body = "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"shards\":"
                    + context.service().shardCount() + "}";
            ctx.status(ok ? 200 : 503).contentType("application/json").result(body);
        });
        r.openGet("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(context.registry().scrape().getBytes(StandardCharsets.UTF_8)));
        r.openGet("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private static byte[] openApi() {
        try (InputStream in = OperationRoutes.class.getResourceAsStream(AttaServer.openApiResource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + AttaServer.openApiResource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + AttaServer.openApiResource + " failed", e);
        }
    }
}
