package io.atta.server.http;

import io.atta.cluster.ServiceException;
import io.atta.server.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures become HTTP answers, all as
 * {@code {"error":{"code","message","field"}}} (docs/API.md, Errors). Jetty's own refusals
 * (malformed requests, 414, 431) come here too, through {@link JettyErrors}. Messages say what is
 * wrong with the request in plain words: never a library's class or exception text.
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
        } else if (t instanceof MethodNotAllowedResponse h) {
            // Javalin lists the methods the path has, as its only detail.
            h.getDetails().values().stream().findFirst().ifPresent(methods -> ctx.header("Allow", methods));
            httpError(ctx, 405);
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
        if (status == 404) {
            write(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path(), null);
        } else if (status == 405) {
            write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()
                    + (ctx.res().getHeader("Allow") == null ? "" : "; it allows " + ctx.res().getHeader("Allow")), null);
        } else {
            StatusError e = StatusError.of(status, null);
            write(ctx, status, e.code(), e.message(), null);
        }
    }

    private static void write(Context ctx, int status, String code, String message, String field) {
        ctx.attribute(writtenMark, Boolean.TRUE);
        ctx.status(status).contentType("application/json").result(body(code, message, field));
    }

    /** The error body, {@code {"error":{"code","message","field"?}}}. */
    static byte[] body(String code, String message, String field) {
        return Json.write(128, g -> {
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
    }
}
