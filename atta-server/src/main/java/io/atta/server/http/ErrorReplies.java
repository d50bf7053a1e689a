package io.atta.server.http;

import io.atta.cluster.ServiceException;
import io.atta.server.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures become HTTP answers, all as
 * {@code {"error":{"code","message","field"}}} (docs/API.md, Errors).
 */
public final class ErrorReplies {
    private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);
    private static final String writtenMark = "atta.errorWritten";

    private ErrorReplies() {
    }

    public static void handle(Exception e, Context ctx) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiException a) {
            write(ctx, a.status(), a.code(), a.getMessage(), a.field());
        } else if (t instanceof ServiceException s) {
            if (s.reason() == ServiceException.Reason.busy) {
                write(ctx, 429, "busy", "the shard is busy; retry with the same ids", null);
            } else {
                write(ctx, 503, "unavailable", "the ledger is unavailable (" + s.reason()
                        + "); retry with the same ids", null);
            }
        } else if (t instanceof HttpResponseException h) {
            httpError(ctx, h.getStatus());
        } else {
            log.error("{} {} failed", ctx.method(), ctx.path(), t);
            write(ctx, 500, "internal", "internal error; the server log has the details", null);
        }
    }

    /**
     * A 404 that no handler wrote: Javalin found no route. Our own 404s (no such account) are
     * marked when written and left alone.
     */
    public static void noRoute(Context ctx) {
        if (ctx.attribute(writtenMark) == null) {
            httpError(ctx, 404);
        }
    }

    private static void httpError(Context ctx, int status) {
        switch (status) {
            case 404 -> write(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path(), null);
            case 405 -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(),
                    null);
            default -> write(ctx, status, "http_" + status, "the request cannot be served (HTTP " + status + ")",
                    null);
        }
    }

    private static void write(Context ctx, int status, String code, String message, String field) {
        byte[] body = Json.write(128, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            if (field != null) {
                g.writeStringField("field", field);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
        ctx.attribute(writtenMark, Boolean.TRUE);
        ctx.status(status).contentType("application/json").result(body);
    }
}
