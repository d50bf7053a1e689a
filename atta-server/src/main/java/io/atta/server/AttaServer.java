package io.atta.server;

import io.atta.cluster.AttaNode;
import io.atta.cluster.LedgerService;
import io.atta.core.Limits;
import io.atta.server.accounts.AccountApi;
import io.atta.server.admin.InvariantsApi;
import io.atta.server.admin.ClusterApi;
import io.atta.server.admin.ShardsApi;
import io.atta.server.auth.AccountAccess;
import io.atta.server.channels.ChannelRoutes;
import io.atta.server.auth.Authenticator;
import io.atta.server.cluster.RoutingApi;
import io.atta.server.http.Dispatcher;
import io.atta.server.http.JettyErrors;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;
import io.atta.server.keys.KeyApi;
import io.atta.server.merchants.MerchantApi;
import io.atta.server.merchants.MerchantListApi;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.metrics.HttpMetrics;
import io.atta.server.metrics.TransferMetrics;
import io.atta.server.metrics.WebhookMetrics;
import io.atta.server.outbound.HostResolver;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.notify.OutboxDispatcher;
import io.atta.server.notify.Channel;
import io.atta.server.notify.WebhookFormat;
import io.atta.server.apps.AppApi;
import io.atta.server.apps.AppDirectory;
import io.atta.server.cashier.CashierApi;
import io.atta.server.gateway.AlipayNotificationFormat;
import io.atta.server.gateway.Gateway;
import io.atta.server.gateway.GatewayOptions;
import io.atta.server.gateway.PaymentCodeApi;
import io.atta.server.gateway.PlatformKeys;
import io.atta.server.gateway.ReturnParams;
import io.atta.server.metrics.GatewayMetrics;
import io.atta.server.trades.PayRecovery;
import io.atta.server.trades.Trades;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.atta.server.payments.P2pApi;
import io.atta.server.testclock.TestClockApi;
import io.atta.server.trades.TradeApi;
import io.atta.server.transfers.TransferApi;
import io.atta.server.users.UserApi;
import io.atta.server.users.UserListApi;
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
    private final RouteTable table;
    private final OutboxDispatcher webhooks;
    private final PayRecovery payRecovery;

    private AttaServer(Javalin app, List<String> routes, RouteTable table, OutboxDispatcher webhooks,
                       PayRecovery payRecovery) {
        this.payRecovery = payRecovery;
        this.app = app;
        this.routes = routes;
        this.table = table;
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
            // A known path asked with another method is 405 with an Allow header, not 404.
            config.http.prefer405over404 = true;
            JettyErrors.install(config);
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
        Authenticator authenticator = new Authenticator(options.adminKey(), ledger, nowNanos(service));
        Dispatcher dispatcher = new Dispatcher(authenticator);
        GatewayOptions gatewayOptions = options.gateway();
        PlatformKeys keys = gatewayOptions.dataDirectory() == null ? PlatformKeys.ephemeral()
                : PlatformKeys.loadOrCreate(gatewayOptions.dataDirectory());
        // The port is known once the server is bound, before any request is served.
        Supplier<String> publicUrl = () -> gatewayOptions.publicUrl() != null ? gatewayOptions.publicUrl()
                : RoutingApi.httpUrl(options.host(), app.port());
        Trades trades = new Trades(ledger, merchants, gatewayOptions.refundWindowSeconds());
        AppDirectory apps = new AppDirectory(ledger);
        OutboundUrlValidator urls = new OutboundUrlValidator(options.allowPrivateWebhooks(), HostResolver.system);
        Gateway gateway = new Gateway(trades, merchants, apps, keys, java.time.Clock.systemUTC(), nowNanos(service),
                gatewayOptions, publicUrl, new GatewayMetrics(registry), urls);
        RouteTable table = new RouteTable(app, dispatcher);
        Routes.declare(app, table,
                new Routes.Apis(new UserApi(ledger), new AccountApi(ledger, access),
                        new TransferApi(ledger, access, new TransferMetrics(registry)), new ShardsApi(service),
                        new P2pApi(ledger), new InvariantsApi(service, threads), new ClusterApi(service),
                        // The port is known once the server is bound, before any request is served.
                        new RoutingApi(service, () -> RoutingApi.httpUrl(options.host(), app.port())),
                        new MerchantApi(ledger, merchants, urls, options.masterKey()), new TradeApi(trades),
                        new AppApi(ledger, merchants, keys.publicKeyBase64(), () -> publicUrl.get() + "/gateway.do"),
                        new PaymentCodeApi(ledger, gateway.codes()), new KeyApi(ledger, nowNanos(service)),
                        new UserListApi(ledger), new MerchantListApi(ledger), new ChannelRoutes(ledger)),
                new Routes.Alipay(gateway.route(), new CashierApi(trades, merchants, authenticator,
                        new ReturnParams(keys, java.time.Clock.systemUTC()))),
                new Routes.Operations(healthy, service::shardCount, registry, openApi()));
        if (service instanceof AttaNode node) {
            node.testClock().ifPresent(clock ->
                    Routes.declareTestClock(table, new TestClockApi(node, clock, threads)));
        }
        app.start(options.host(), options.port());
        OutboxDispatcher webhooks = webhooks(service, options, registry, keys, urls);
        webhooks.start();
        IntPredicate leads = service instanceof AttaNode node ? node::leads : s -> true;
        trades.recovery().start(leads);
        return new AttaServer(app, List.copyOf(routes), table, webhooks, trades.recovery());
    }

    /**
     * Merchant notifications of the shards this node leads, timed by the node's clock (a test
     * clock moves their retries too). A plain {@link LedgerService} leads every shard.
     */
    private static OutboxDispatcher webhooks(LedgerService service, ServerOptions options,
                                             PrometheusMeterRegistry registry, PlatformKeys keys,
                                             OutboundUrlValidator urls) {
        Channel webhook = new Channel("webhook", new WebhookFormat(java.time.Clock.systemUTC(), options.masterKey()),
                options.webhookRetries());
        Channel alipay = new Channel("alipay", new AlipayNotificationFormat(keys, java.time.Clock.systemUTC()),
                options.gateway().notifyRetries());
        Channel.Chooser channels = n -> n.gateway() != null ? alipay : webhook;
        WebhookMetrics metrics = new WebhookMetrics(registry);
        IntPredicate leads = service instanceof AttaNode node ? node::leads : s -> true;
        return new OutboxDispatcher(service, leads, nowNanos(service), channels, metrics, urls);
    }

    /** The node's clock (a test clock when it has one), or the system's for a plain {@link LedgerService}. */
    private static LongSupplier nowNanos(LedgerService service) {
        if (service instanceof AttaNode node) {
            return node.clock();
        }
        return () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
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

    /** Every route, {@code "METHOD /path"} to the roles it admits (empty: no key needed); docs/SECURITY.md. */
    public java.util.Map<String, java.util.Set<io.atta.core.auth.Role>> routeRoles() {
        return table.roles();
    }

    @Override
    public void close() {
        // Before the node closes (the caller closes it after this): the last outcomes are recorded.
        webhooks.close();
        payRecovery.close();
        app.stop();
    }
}
