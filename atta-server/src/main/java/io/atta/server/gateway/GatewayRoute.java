package io.atta.server.gateway;

import io.atta.core.trade.TradeLimits;
import io.atta.server.apps.AppDirectory;
import io.atta.server.apps.AppDirectory.KnownApp;
import io.atta.server.json.ValueText;
import io.atta.server.metrics.GatewayMetrics;
import io.atta.server.outbound.OutboundUrlValidator;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /gateway.do}: the Alipay Open Platform protocol (docs/ALIPAY.md). Parameters
 * come from the query and the form body, decoded in the request's charset; the request is checked
 * as Alipay checks it ({@link RequestVerifier}) against its app's public key; the method runs;
 * the answer is signed with the platform's key. Every answer is HTTP 200 (the SDK throws on any
 * other status), an error included, and nothing changes unless the signature was valid. The page
 * methods ({@code page.pay}, {@code wap.pay}, {@code app.pay}) answer with the cashier page
 * instead, by a redirect.
 */
public final class GatewayRoute {
    private static final Logger log = LoggerFactory.getLogger(GatewayRoute.class);

    private final Map<String, Function<GatewayCall, CompletableFuture<MethodReply>>> methods;
    private final AppDirectory apps;
    private final PlatformKeys keys;
    private final Clock clock;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final OutboundUrlValidator urls;

    GatewayRoute(Map<String, Function<GatewayCall, CompletableFuture<MethodReply>>> methods, AppDirectory apps,
                 PlatformKeys keys, Clock clock, GatewayOptions options, GatewayMetrics metrics,
                 OutboundUrlValidator urls) {
        this.methods = methods;
        this.apps = apps;
        this.keys = keys;
        this.clock = clock;
        this.options = options;
        this.metrics = metrics;
        this.urls = urls;
    }

    public void handle(Context ctx) {
        byte[] body = ctx.method() == HandlerType.POST ? ctx.bodyAsBytes() : new byte[0];
        GatewayResult<GatewayParams> parsed = GatewayParams.parse(ctx.queryString(), body, ctx.contentType());
        if (!parsed.isOk()) {
            answer(ctx, GatewayReply.error(null, parsed.error()), SignType.RSA2, StandardCharsets.UTF_8, "unknown");
            return;
        }
        GatewayParams params = parsed.value();
        ctx.future(() -> app(params.get("app_id")).thenCompose(app -> serve(ctx, params, app))
                .exceptionally(e -> {
                    log.warn("gateway request {} failed", params.get("method"), e);
                    answer(ctx, GatewayReply.error(params.get("method"), GatewayError.Fault.SERVICE_UNAVAILABLE
                            .error()), SignType.RSA2, params.charset(), "unknown");
                    return null;
                }));
    }

    private CompletableFuture<Void> serve(Context ctx, GatewayParams params, KnownApp app) {
        RequestVerifier verifier = new RequestVerifier(id -> app == null || !Long.toString(app.appId()).equals(id)
                ? null : app.publicKey(), methods::containsKey, clock, options.timestampWindow());
        GatewayResult<GatewayRequest> verified = timed(() -> verifier.verify(params), metrics.verify());
        String method = params.get("method");
        String known = method != null && methods.containsKey(method) ? method : "unknown";
        if (!verified.isOk()) {
            SignType type = SignType.fromWire(params.get(SignType.parameter)).orElse(SignType.RSA2);
            refuse(ctx, method, verified.error(), type, params.charset(), known);
            return CompletableFuture.completedFuture(null);
        }
        GatewayRequest r = verified.value();
        GatewayCall call;
        try {
            call = new GatewayCall(r.method(), app, new BizFields(r.bizContent()), notifyUrl(r.notifyUrl()),
                    url(r.returnUrl(), "return_url"));
        } catch (BizFields.Invalid e) {
            refuse(ctx, method, GatewayError.Fault.INVALID_PARAMETER.error(e.getMessage()), r.signType(), r.charset(),
                    known);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<MethodReply> reply;
        try {
            reply = methods.get(r.method()).apply(call);
        } catch (BizFields.Invalid e) {
            reply = CompletableFuture.completedFuture(e.reply());
        }
        return reply.thenAccept(m -> {
            if (PageMethods.isPage(r.method())) {
                PageMethods.answer(ctx, m, r.method());
                metrics.answered(known, m.error() == null ? GatewayReply.codeSuccess : m.error().code());
            } else {
                answer(ctx, m.reply(r.method()), r.signType(), r.charset(), known);
            }
        });
    }

    private CompletableFuture<KnownApp> app(String appId) {
        if (appId == null) {
            return CompletableFuture.completedFuture(null);
        }
        long id = ValueText.decimalId(appId.trim());
        return id <= 0 ? CompletableFuture.completedFuture(null) : apps.app(id);
    }

    /**
     * A request refused before its method ran. A page method's request comes from the buyer's
     * browser (the SDK's form or URL), so the buyer is shown the error as a page, as for a refusal
     * by the method itself; any other caller is the SDK, which reads the JSON answer.
     */
    private void refuse(Context ctx, String method, GatewayError error, SignType type,
                        java.nio.charset.Charset charset, String known) {
        if (PageMethods.isPage(method)) {
            PageMethods.answer(ctx, new MethodReply(error, Map.of()), method);
            metrics.answered(known, error.code());
            return;
        }
        answer(ctx, GatewayReply.error(method, error), type, charset, known);
    }

    private void answer(Context ctx, GatewayReply reply, SignType type, java.nio.charset.Charset charset,
                        String method) {
        GatewayReply.Body body = timed(() -> reply.render(keys.privateKey(), type, charset), metrics.sign());
        metrics.answered(method, reply.code());
        ctx.status(200).contentType(body.contentType()).result(body.bytes());
    }


    /**
     * A notify_url: absent, or one {@link #url} takes that is also a URL the server may call
     * ({@link OutboundUrlValidator}: public addresses only). A return_url is only where the buyer's
     * browser goes, so it is not held to that.
     */
    private String notifyUrl(String text) {
        String url = url(text, "notify_url");
        String refused = url.isEmpty() ? null : urls.refusal(url);
        if (refused != null) {
            throw new BizFields.Invalid("notify_url " + refused);
        }
        return url;
    }

    /** A notify_url or return_url: absent, or an absolute http(s) URL of at most maxTradeUrlLength. */
    private static String url(String text, String name) {
        if (text == null || text.isBlank()) {
            return "";
        }
        if (text.length() > TradeLimits.maxTradeUrlLength) {
            throw new BizFields.Invalid(name + " is longer than " + TradeLimits.maxTradeUrlLength
                    + " characters (maxTradeUrlLength)");
        }
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new BizFields.Invalid(name + " must be an absolute http or https URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new BizFields.Invalid(name + " must be an absolute http or https URL");
        }
        return text;
    }

    private static <T> T timed(java.util.function.Supplier<T> work, io.micrometer.core.instrument.Timer timer) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
