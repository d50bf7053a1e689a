package io.atta.server.cluster;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The cluster's routing table, for clients that send writes straight to each shard's leader (docs/API.md, Cluster). */
public final class ClusterRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        RoutingApi routing = new RoutingApi(context.service(), context.selfUrl());
        r.get("/v1/cluster/routing", Roles.any, routing::get);
    }
}
