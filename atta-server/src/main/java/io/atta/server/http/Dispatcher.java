package io.atta.server.http;

import io.atta.core.auth.Role;
import io.atta.server.auth.Authenticator;
import io.atta.server.auth.Roles;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Set;

/**
 * Runs an {@link ApiHandler} asynchronously: read the body (on the request thread), authenticate,
 * admit the key's role (the one place where roles are enforced: each route names the roles it
 * admits), handle, write the reply. No thread waits for a shard; failures go to
 * {@link ErrorReplies}.
 */
public final class Dispatcher {
    private final Authenticator authenticator;

    public Dispatcher(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public void serve(Context ctx, Set<Role> roles, ApiHandler handler) {
        BodyBytes body = ctx.method() == HandlerType.GET ? BodyBytes.empty : RequestBody.read(ctx);
        String authorization = ctx.header("Authorization");
        ctx.future(() -> authenticator.authenticate(authorization)
                .thenCompose(caller -> {
                    if (!roles.contains(caller.role())) {
                        throw ApiException.forbidden("this route is for " + Roles.names(roles) + " keys; this key's"
                                + " role is " + caller.role().apiName(), null);
                    }
                    return handler.handle(new ApiCall(ctx, caller, body));
                })
                .thenAccept(reply -> reply.writeTo(ctx)));
    }
}
