package io.atta.server.http;

import java.util.concurrent.CompletableFuture;

/** A route of the authenticated API: an answer, later, to one call. */
@FunctionalInterface
public interface ApiHandler {
    CompletableFuture<Reply> handle(ApiCall call);
}
