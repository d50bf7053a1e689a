package io.atta.server;

import io.atta.server.http.RouteTable;

/**
 * A product package's part of the HTTP server: the routes it serves, each declared with the roles
 * it admits through the {@link RouteTable} (docs/SECURITY.md), over APIs it builds from the
 * shared {@link ServerContext}. {@link AttaServer#modules} lists the packages a server mounts, one
 * line each: a new product is a new package with its module and one line in that list
 * (docs/ARCHITECTURE.md). docs/API.md and openapi.json describe the routes of every module; a
 * test keeps openapi.json equal to the routes served.
 *
 * <p>A module keeps no state of its own: one instance declares the routes of every server started
 * with it, each over that server's context. Two modules declaring the same route stop the server
 * from starting ({@link RouteTable} names the route).
 */
public interface ServerModule {
    /** Builds this package's APIs from {@code context} and declares their routes on {@code routes}. */
    void declare(ServerContext context, RouteTable routes);
}
