package io.atta.server.http;

import io.atta.server.auth.Caller;
import io.atta.server.json.ValueText;
import io.javalin.http.Context;

import java.util.Set;

/** One authenticated API request as a handler sees it: who calls, path and query values, the body. */
public final class ApiCall {
    private final Context ctx;
    private final Caller caller;
    private final byte[] body;

    ApiCall(Context ctx, Caller caller, byte[] body) {
        this.ctx = ctx;
        this.caller = caller;
        this.body = body;
    }

    public Caller caller() {
        return caller;
    }

    /** The request body, already read and within {@code maxRequestBytes}; empty when there is none. */
    public byte[] body() {
        return body;
    }

    /** A path parameter that must be an id ({@code /v1/accounts/{id}}). */
    public long pathId(String name) {
        return ValueText.id(ctx.pathParam(name), name);
    }

    /** A query parameter, or null when absent; refuses parameters outside {@code known}. */
    public String query(String name, Set<String> known) {
        for (String given : ctx.queryParamMap().keySet()) {
            if (!known.contains(given)) {
                throw ApiException.unknownField(given);
            }
        }
        return ctx.queryParam(name);
    }
}
