package io.atta.server.gateway;

import io.javalin.Javalin;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 and a free port that records each raw request and answers with
 * a {@link GatewayReply} body, so that the official SDK can be pointed at it unchanged.
 */
final class GatewayStub implements AutoCloseable {
    /** One request as it arrived: nothing decoded. */
    record Captured(String method, String rawQuery, byte[] body, String contentType) {
        GatewayResult<GatewayParams> params() {
            return GatewayParams.parse(rawQuery, body, contentType);
        }
    }

    private final Javalin app;
    final AtomicReference<Captured> last = new AtomicReference<>();

    GatewayStub(Function<Captured, GatewayReply.Body> answer) {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.post("/gateway.do", ctx -> {
            Captured c = new Captured(ctx.method().name(), ctx.queryString(), ctx.bodyAsBytes(), ctx.contentType());
            last.set(c);
            GatewayReply.Body body = answer.apply(c);
            ctx.status(200).contentType(body.contentType()).result(body.bytes());
        });
        app.start("127.0.0.1", 0);
    }

    String url() {
        return "http://127.0.0.1:" + app.port() + "/gateway.do";
    }

    @Override
    public void close() {
        app.stop();
    }
}
