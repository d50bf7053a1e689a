package io.atta.server;

import io.atta.cluster.LedgerService;
import io.atta.core.Limits;
import io.atta.server.accounts.AccountRoutes;
import io.atta.server.audit.AuditRoutes;
import io.atta.server.admin.AdminRoutes;
import io.atta.server.apps.AppDirectory;
import io.atta.server.apps.AppRoutes;
import io.atta.server.auth.AccountAccess;
import io.atta.server.auth.Authenticator;
import io.atta.server.cashier.CashierRoutes;
import io.atta.server.changes.ChangeRoutes;
import io.atta.server.channels.ChannelRoutes;
import io.atta.server.cluster.ClusterRoutes;
import io.atta.server.console.ConsoleRoutes;
import io.atta.server.credit.CreditRoutes;
import io.atta.server.cluster.RoutingApi;
import io.atta.server.gateway.AlipayNotificationFormat;
import io.atta.server.gateway.GatewayRoutes;
import io.atta.server.gateway.PlatformKeys;
import io.atta.server.http.Dispatcher;
import io.atta.server.http.ErrorReplies;
import io.atta.server.http.JettyErrors;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;
import io.atta.server.insurance.InsuranceRoutes;
import io.atta.server.keys.KeyRoutes;
import io.atta.server.lending.LendingRoutes;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.merchants.MerchantRoutes;
import io.atta.server.metrics.HttpMetrics;
import io.atta.server.metrics.WebhookMetrics;
import io.atta.server.notify.Channel;
import io.atta.server.notify.OutboxDispatcher;
import io.atta.server.notify.WebhookFormat;
import io.atta.server.outbound.HostResolver;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.payments.PaymentRoutes;
import io.atta.server.testclock.TestClockRoutes;
import io.atta.server.trades.TradeRoutes;
import io.atta.server.trades.PayRecovery;
import io.atta.server.trades.Trades;
import io.atta.server.transfers.TransferRoutes;
import io.atta.server.users.UserRoutes;
import io.atta.server.risk.RiskRoutes;
import io.atta.server.wealth.FundRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The HTTP front of a node: REST {@code /v1}, the Alipay gateway, health, metrics, OpenAPI. */
public final class AttaServer implements AutoCloseable {
    /** Most threads serving HTTP; they never wait on a shard, so this bounds only parsing and I/O. */
    public static final int maxHttpThreads = 64;
    static final String openApiResource = "/io/atta/server/openapi.json";

    /**
     * Every package that serves routes, one line each (docs/API.md; docs/SECURITY.md has the roles
     * each route admits). A new product is a new package with its {@link ServerModule} and one line here.
     */
    public static final List<ServerModule> modules = List.of(
            new UserRoutes(),
            new AccountRoutes(),
            new TransferRoutes(),
            new PaymentRoutes(),
            new MerchantRoutes(),
            new AppRoutes(),
            new TradeRoutes(),
            new KeyRoutes(),
            new ChannelRoutes(),
            new FundRoutes(),
            new LendingRoutes(),
            new AuditRoutes(),
            new InsuranceRoutes(),
            new RiskRoutes(),
            new CreditRoutes(),
            new ClusterRoutes(),
            new GatewayRoutes(),
            new CashierRoutes(),
            new ConsoleRoutes(),
            new AdminRoutes(),
            new ChangeRoutes(),
            new TestClockRoutes(),
            new OperationRoutes());

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
     * As {@link #start(LedgerService, ServerOptions)}, with the registry {@code /metrics} shows; the
     * service adds its meters to it and answers {@code /health}.
     */
    public static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry) {
        return start(service, options, registry, modules);
    }

    /**
     * As {@link #start(LedgerService, ServerOptions, PrometheusMeterRegistry)}, serving the routes
     * of {@code modules} instead of {@link #modules} (a test adds a product's package this way).
     */
    public static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry,
                                   List<ServerModule> modules) {
        service.bindMetrics(registry);
        return start(service, options, registry, service::healthy, modules);
    }

    /**
     * As {@link #start(LedgerService, ServerOptions)}, with the registry {@code /metrics} shows
     * and what {@code /health} asks instead of the service.
     */
    public static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry,
                                   BooleanSupplier healthy) {
        return start(service, options, registry, healthy, modules);
    }

    private static AttaServer start(LedgerService service, ServerOptions options, PrometheusMeterRegistry registry,
                                    BooleanSupplier healthy, List<ServerModule> modules) {
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
        ServerContext context = context(service, options, registry, threads, healthy,
                // The port is known once the server is bound, before any request is served.
                () -> RoutingApi.httpUrl(options.host(), app.port()));
        RouteTable table = new RouteTable(app, new Dispatcher(context.authenticator()));
        for (ServerModule module : modules) {
            module.declare(context, table);
        }
        app.exception(Exception.class, ErrorReplies::handle);
        // Javalin keeps a handler of its own (plain text) for its HTTP statuses; ours replaces it.
        app.exception(io.javalin.http.HttpResponseException.class, ErrorReplies::handle);
        app.error(404, ErrorReplies::noRoute);
        app.start(options.host(), options.port());
        OutboxDispatcher webhooks = webhooks(context);
        webhooks.start();
        PayRecovery payRecovery = context.trades().recovery();
        payRecovery.start(service::leads);
        return new AttaServer(app, List.copyOf(routes), table, webhooks, payRecovery);
    }

    /** What the modules share: one ledger, one cache of merchants and apps, one set of platform keys. */
    private static ServerContext context(LedgerService service, ServerOptions options,
                                         PrometheusMeterRegistry registry, QueuedThreadPool threads,
                                         BooleanSupplier healthy, Supplier<String> selfUrl) {
        ServerLedger ledger = new ServerLedger(service, threads);
        MerchantDirectory merchants = new MerchantDirectory(ledger);
        PlatformKeys keys = options.gateway().dataDirectory() == null ? PlatformKeys.ephemeral()
                : PlatformKeys.loadOrCreate(options.gateway().dataDirectory());
        return new ServerContext(service, ledger, options, registry, threads, healthy, selfUrl,
                new Authenticator(options.adminKey(), ledger, service.clock()), new AccountAccess(ledger), merchants,
                new AppDirectory(ledger), new Trades(ledger, merchants, options.gateway().refundWindowSeconds()), keys,
                new OutboundUrlValidator(options.allowPrivateWebhooks(), HostResolver.system));
    }

    /**
     * Merchant notifications of the shards this node leads, timed by the node's clock (a test
     * clock moves their retries too). A plain {@link LedgerService} leads every shard.
     */
    private static OutboxDispatcher webhooks(ServerContext context) {
        ServerOptions options = context.options();
        Channel webhook = new Channel("webhook", new WebhookFormat(java.time.Clock.systemUTC(), options.masterKey()),
                options.webhookRetries());
        Channel alipay = new Channel("alipay",
                new AlipayNotificationFormat(context.platformKeys(), java.time.Clock.systemUTC()),
                options.gateway().notifyRetries());
        Channel.Chooser channels = d -> d.gateway() != null ? alipay : webhook;
        WebhookMetrics metrics = new WebhookMetrics(context.registry());
        LedgerService service = context.service();
        return new OutboxDispatcher(service, service::leads, service.clock(), channels, metrics, context.urls());
    }

    private static String routeOf(Context ctx) {
        if (ctx.handlerType() == HandlerType.BEFORE) {
            return HttpMetrics.unmatchedRoute;
        }
        String path = ctx.endpointHandlerPath();
        return path.isEmpty() ? HttpMetrics.unmatchedRoute : path;
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
