package io.atta.server.admin;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The operator's routes (docs/API.md, Admin; docs/CLUSTER.md): shards, invariants, and this node's replicas. */
public final class AdminRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ShardsApi shards = new ShardsApi(context.service());
        InvariantsApi invariants = new InvariantsApi(context.service(), context.serverThreads());
        ClusterApi cluster = new ClusterApi(context.service());
        r.get("/v1/admin/shards", Roles.admin, shards::get);
        r.get("/v1/admin/invariants", Roles.admin, invariants::get);
        r.get("/v1/admin/cluster", Roles.admin, cluster::get);
        r.get("/v1/admin/cluster/shards/{shard}/hash", Roles.admin, cluster::stateHash);
    }
}
