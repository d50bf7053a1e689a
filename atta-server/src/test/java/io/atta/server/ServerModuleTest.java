package io.atta.server;

import io.atta.core.auth.Role;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.auth.Roles;
import io.atta.server.sample.SampleRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A product package adds its routes through {@link ServerModule} alone: the test tree's
 * {@link SampleRoutes}, mounted next to {@link AttaServer#modules} without a line changed in the
 * main tree, is served with the roles it declares, and the server's own routes stay as they were.
 */
class ServerModuleTest {
    private static final String sampleRoute = "GET " + SampleRoutes.path;

    @Test
    void aModuleMountedByATestServesItsRouteToTheRolesItAdmits() {
        InMemoryLedgerService service = new InMemoryLedgerService(2);
        List<ServerModule> modules = new ArrayList<>(AttaServer.modules);
        modules.add(new SampleRoutes());
        try (AttaServer server = AttaServer.start(service, new ServerOptions("127.0.0.1", 0, adminKey),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), modules)) {
            HttpApi api = new HttpApi(server.port());
            Reply created = api.post("/v1/users", adminKey, "{\"currency\":\"CNY\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            NewUser user = new NewUser(created.body().get("user_id").asText(), created.body().get("token").asText(),
                    created.body().get("wallet_account_id").asText());
            String path = "/v1/sample/users/" + user.id();

            Reply asAdmin = api.get(path, adminKey);
            assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(200);
            assertThat(asAdmin.body().get("user_id").asText()).isEqualTo(user.id());
            assertThat(asAdmin.body().get("shard").asInt()).isEqualTo(service.shardOf(Long.parseLong(user.id())));
            assertThat(asAdmin.body().get("known").asBoolean()).isTrue();

            // The role the module did not admit is refused before its handler runs.
            Reply asUser = api.get(path, user.token());
            assertThat(asUser.status()).as(asUser.toString()).isEqualTo(403);
            assertThat(asUser.errorCode()).isEqualTo("forbidden");
            assertThat(asUser.errorMessage()).contains("admin, merchant");
            assertThat(api.get(path, null).status()).isEqualTo(401);

            assertThat(server.routeRoles()).containsEntry(sampleRoute, Set.of(Role.admin, Role.merchant));
            assertThat(server.routes()).contains(sampleRoute);
            // The server's own routes are all still there, the user's among them.
            assertThat(server.routeRoles().keySet()).hasSize(standardRoutes() + 1);
            assertThat(api.get("/v1/users/" + user.id(), user.token()).status()).isEqualTo(200);
        }
    }

    @Test
    void theStandardServerHasNoSuchRoute() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            NewUser user = f.createUser("CNY");
            Reply r = f.api.get("/v1/sample/users/" + user.id(), adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(f.server.routeRoles()).doesNotContainKey(sampleRoute);
        }
    }

    @Test
    void aModuleThatDeclaresARouteAnotherServesStopsTheServerFromStarting() {
        List<ServerModule> modules = new ArrayList<>(AttaServer.modules);
        modules.add((context, routes) -> routes.get("/v1/users/{id}", Roles.any, call -> {
            throw new AssertionError("never served");
        }));
        assertThatThrownBy(() -> AttaServer.start(new InMemoryLedgerService(2),
                new ServerOptions("127.0.0.1", 0, adminKey), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                modules))
                .isInstanceOf(IllegalStateException.class).hasMessage("route declared twice: GET /v1/users/{id}");
    }

    private static int standardRoutes() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            return f.server.routeRoles().size();
        }
    }
}
