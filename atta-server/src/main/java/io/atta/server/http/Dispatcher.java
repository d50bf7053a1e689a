package io.atta.server.http;

import io.atta.server.auth.Authenticator;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Runs an {@link ApiHandler} asynchronously: read the body (on the request thread), authenticate,
 * handle, write the reply. No thread waits for a shard; failures go to {@link ErrorReplies}.
 */
public final class Dispatcher {
    private final Authenticator authenticator;

    public Dispatcher(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public void serve(Context ctx, ApiHandler handler) {
        byte[] body = ctx.method() == HandlerType.GET ? new byte[0] : RequestBody.read(ctx);
        String authorization = ctx.header("Authorization");
        ctx.future(() -> authenticator.authenticate(authorization)
                .thenCompose(caller -> handler.handle(new ApiCall(ctx, caller, body)))
                .thenAccept(reply -> ctx.status(reply.status()).contentType("application/json")
                        .result(reply.body())));
    }
}
