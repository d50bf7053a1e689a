package io.atta.server.http;

import io.atta.core.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Handler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Declares routes on the server together with the roles each admits, and keeps the table of
 * them: {@code "METHOD /path"} to its roles, an empty set for a route that needs no key (it
 * authenticates in its own way or is operational). docs/SECURITY.md shows the same table; a
 * test keeps the two equal.
 */
public final class RouteTable {
    private final Javalin app;
    private final Dispatcher dispatcher;
    private final Map<String, Set<Role>> roles = Collections.synchronizedMap(new LinkedHashMap<>());

    public RouteTable(Javalin app, Dispatcher dispatcher) {
        this.app = app;
        this.dispatcher = dispatcher;
    }

    public void get(String path, Set<Role> admitted, ApiHandler handler) {
        add("GET", path, admitted);
        app.get(path, ctx -> dispatcher.serve(ctx, admitted, handler));
    }

    public void post(String path, Set<Role> admitted, ApiHandler handler) {
        add("POST", path, admitted);
        app.post(path, ctx -> dispatcher.serve(ctx, admitted, handler));
    }

    public void put(String path, Set<Role> admitted, ApiHandler handler) {
        add("PUT", path, admitted);
        app.put(path, ctx -> dispatcher.serve(ctx, admitted, handler));
    }

    public void delete(String path, Set<Role> admitted, ApiHandler handler) {
        add("DELETE", path, admitted);
        app.delete(path, ctx -> dispatcher.serve(ctx, admitted, handler));
    }

    /** A route that needs no API key: it authenticates in its own way (gateway, cashier) or is operational. */
    public void openGet(String path, Handler handler) {
        add("GET", path, Set.of());
        app.get(path, handler);
    }

    /** As {@link #openGet}, for POST. */
    public void openPost(String path, Handler handler) {
        add("POST", path, Set.of());
        app.post(path, handler);
    }

    private void add(String method, String path, Set<Role> admitted) {
        if (roles.putIfAbsent(method + " " + path, Set.copyOf(admitted)) != null) {
            throw new IllegalStateException("route declared twice: " + method + " " + path);
        }
    }

    /** Every route declared, {@code "METHOD /path"} to the roles it admits (empty: no key needed). */
    public Map<String, Set<Role>> roles() {
        synchronized (roles) {
            return Map.copyOf(roles);
        }
    }
}
