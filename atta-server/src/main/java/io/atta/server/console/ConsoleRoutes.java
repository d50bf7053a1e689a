package io.atta.server.console;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.http.RouteTable;

/**
 * The web console (docs/CONSOLE.md): static files from the server's jar under {@code /console}.
 * The routes need no key: the page holds none; it signs in with an API key the user types, kept
 * in the browser's session storage, and calls the {@code /v1} API with it like any client.
 */
public final class ConsoleRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ConsoleFiles files = new ConsoleFiles(ConsoleFiles.resourceRoot);
        r.openGet("/console", files::index);
        r.openGet("/console/<file>", files::file);
    }
}
