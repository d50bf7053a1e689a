package io.atta.server.testclock;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/**
 * The test clock's routes, declared only for a node started with {@code --test-clock}: without
 * it they do not exist (404 as any unknown route). openapi.json marks them {@code x-atta-test-clock}.
 */
public final class TestClockRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        context.service().testClock().ifPresent(clock -> {
            TestClockApi api = new TestClockApi(context.service(), clock, context.serverThreads());
            r.get("/v1/test/clock", Roles.admin, api::get);
            r.post("/v1/test/clock/advance", Roles.admin, api::advance);
        });
    }
}
