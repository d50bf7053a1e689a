package io.atta.server.http;

import io.atta.server.auth.Caller;
import io.atta.server.json.ValueText;
import io.javalin.http.Context;

import java.util.Set;

/** One authenticated API request as a handler sees it: who calls, path and query values, the body. */
public final class ApiCall {
    private final Context ctx;
    private final Caller caller;
    private final BodyBytes body;

    ApiCall(Context ctx, Caller caller, BodyBytes body) {
        this.ctx = ctx;
        this.caller = caller;
        this.body = body;
    }

    public Caller caller() {
        return caller;
    }

    /** A request header, or null. */
    public String header(String name) {
        return ctx.header(name);
    }

    /** The address of the client's end of the connection (the edge's view of the caller: docs/RISK.md). */
    public String clientAddress() {
        return ctx.req().getRemoteAddr();
    }

    /** The request body, already read and within {@code maxRequestBytes}; empty when there is none. */
    public byte[] body() {
        return body.toArray();
    }

    /** The request body as its segments, for readers that stream a large body without one array of it. */
    public BodyBytes bodyBytes() {
        return body;
    }

    /** A path parameter that must be an id ({@code /v1/accounts/{id}}). */
    public long pathId(String name) {
        return ValueText.id(ctx.pathParam(name), name);
    }

    /** A path parameter as text ({@code /v1/payments/p2p/{request_id}}). */
    public String pathText(String name) {
        return ctx.pathParam(name);
    }

    /** A path parameter that must be an index in {@code 0..count-1} ({@code /v1/admin/cluster/shards/{shard}}). */
    public int pathIndex(String name, int count) {
        String text = ctx.pathParam(name);
        try {
            int v = Integer.parseInt(text);
            if (v >= 0 && v < count) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("no " + name + " '" + text + "' (there are " + name + "s 0.." + (count - 1) + ")");
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

    /** The header that labels a stale read's reply. */
    public static final String consistencyHeader = "Atta-Read-Consistency";

    /**
     * How a read is served, from the {@code consistency} query parameter: {@code linearizable}
     * (the default: sees every write acknowledged before it) or {@code stale} (this node's
     * replica as it is, labelled so in the {@value #consistencyHeader} header of the reply).
     */
    public boolean staleRead(Set<String> known) {
        String v = query("consistency", known);
        if (v == null || v.equals("linearizable")) {
            return false;
        }
        if (!v.equals("stale")) {
            throw ApiException.invalidField("consistency", "must be linearizable (the default) or stale, got '" + v + "'");
        }
        ctx.header(consistencyHeader, "stale");
        return true;
    }
}
