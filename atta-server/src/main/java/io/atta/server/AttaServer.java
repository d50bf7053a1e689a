package io.atta.server;

import io.atta.cluster.AttaNode;
import io.atta.cluster.LedgerService;
import io.atta.core.Limits;
import io.atta.server.accounts.AccountApi;
import io.atta.server.admin.InvariantsApi;
import io.atta.server.admin.ClusterApi;
import io.atta.server.admin.ShardsApi;
import io.atta.server.auth.AccountAccess;
import io.atta.server.auth.Authenticator;
import io.atta.server.cluster.RoutingApi;
import io.atta.server.http.Dispatcher;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantApi;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.metrics.HttpMetrics;
import io.atta.server.metrics.TransferMetrics;
import io.atta.server.metrics.WebhookMetrics;
import io.atta.server.notify.OutboxDispatcher;
import io.atta.server.notify.WebhookFormat;
import io.atta.server.payments.P2pApi;
import io.atta.server.testclock.TestClockApi;
import io.atta.server.trades.TradeApi;
import io.atta.server.transfers.TransferApi;
import io.atta.server.users.UserApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The HTTP front of a node: REST {@code /v1}, health, metrics, OpenAPI. */
public final class AttaServer implements AutoCloseable {
    /** Most threads serving HTTP; they never wait on a shard, so this bounds only parsing and I/O. */
    public static final int maxHttpThreads = 64;
    static final String openApiResource = "/io/atta/server/openapi.json";

    private final Javalin app;
    private final List<String> routes;
    private final OutboxDispatcher webhooks;

    private AttaServer(Javalin app, List<String> routes, OutboxDispatcher webhooks) {
        this.app = app;
        this.routes = routes;
        this.webhooks = webhooks;
    }

    /** Starts serving {@code service}; returns once the port is bound. */
    public static AttaServer start(LedgerService service, ServerOptions options) {
        return start(service, options, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * As {@link #start(LedgerService, ServerOptions)}, with the registry {@code /metrics} shows.
     * An {@link AttaNode} answers {@code /health} and adds its shards' meters to the registry.
     */
    public static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry) {
        if (service instanceof AttaNode node) {
            node.bindMetrics(registry);
            return start(service, options, registry, node::healthy);
        }
        return start(service, options, registry, () -> true);
    }

    /**
     * As {@link #start(LedgerService, ServerOptions)}, with the registry {@code /metrics} shows
     * and what {@code /health} asks (a {@link LedgerService} has no health of its own).
     */
    public static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry,
                                   BooleanSupplier healthy) {
        QueuedThreadPool threads = new QueuedThreadPool(maxHttpThreads, 8);
        threads.setName("atta-http");
        HttpMetrics httpMetrics = new HttpMetrics(registry);
        List<String> routes = Collections.synchronizedList(new ArrayList<>());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.threadPool = threads;
            config.jetty.defaultHost = options.host();
            config.http.maxRequestSize = Limits.maxRequestBytes;
            config.http.disableCompression();
            config.requestLogger.http((ctx, ms) ->
                    httpMetrics.record(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));
            config.events(events -> events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(h.getHttpMethod().name() + " " + h.getPath());
                }
            }));
        });
        ServerLedger ledger = new ServerLedger(service, threads);
        AccountAccess access = new AccountAccess(ledger);
        MerchantDirectory merchants = new MerchantDirectory(ledger);
        Dispatcher dispatcher = new Dispatcher(new Authenticator(options.adminKey(), ledger));
        Routes.declare(app, dispatcher,
                new Routes.Apis(new UserApi(ledger), new AccountApi(ledger, access),
                        new TransferApi(ledger, access, new TransferMetrics(registry)), new ShardsApi(service),
                        new P2pApi(ledger), new InvariantsApi(service, threads), new ClusterApi(service),
                        // The port is known once the server is bound, before any request is served.
                        new RoutingApi(service, () -> RoutingApi.httpUrl(options.host(), app.port())),
                        new MerchantApi(ledger, merchants), new TradeApi(ledger, merchants)),
                new Routes.Operations(healthy, service::shardCount, registry, openApi()));
        if (service instanceof AttaNode node) {
            node.testClock().ifPresent(clock ->
                    Routes.declareTestClock(app, dispatcher, new TestClockApi(node, clock, threads)));
        }
        app.start(options.host(), options.port());
        OutboxDispatcher webhooks = webhooks(service, options, registry);
        webhooks.start();
        return new AttaServer(app, List.copyOf(routes), webhooks);
    }

    /**
     * Merchant notifications of the shards this node leads, timed by the node's clock (a test
     * clock moves their retries too). A plain {@link LedgerService} leads every shard.
     */
    private static OutboxDispatcher webhooks(LedgerService service, ServerOptions options,
                                             PrometheusMeterRegistry registry) {
        WebhookFormat format = new WebhookFormat(java.time.Clock.systemUTC());
        WebhookMetrics metrics = new WebhookMetrics(registry);
        if (service instanceof AttaNode node) {
            return new OutboxDispatcher(service, node::leads, node.clock(), options.webhookRetries(), format, metrics);
        }
        return new OutboxDispatcher(service, s -> true, () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }, options.webhookRetries(), format, metrics);
    }

    private static String routeOf(Context ctx) {
        if (ctx.handlerType() == HandlerType.BEFORE) {
            return HttpMetrics.unmatchedRoute;
        }
        String path = ctx.endpointHandlerPath();
        return path.isEmpty() ? HttpMetrics.unmatchedRoute : path;
    }

    private static byte[] openApi() {
        try (InputStream in = AttaServer.class.getResourceAsStream(openApiResource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + openApiResource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + openApiResource + " failed", e);
        }
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** Every route served, as "METHOD /path" with Javalin's path syntax ({@code {id}}). */
    public List<String> routes() {
        return routes;
    }

    @Override
    public void close() {
        // Before the node closes (the caller closes it after this): the last outcomes are recorded.
        webhooks.close();
        app.stop();
    }
}
