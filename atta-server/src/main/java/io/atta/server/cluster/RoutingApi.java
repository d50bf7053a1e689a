package io.atta.server.cluster;

import io.atta.cluster.ClusterMember;
import io.atta.cluster.LedgerService;
import io.atta.cluster.Replicas;
import io.atta.cluster.Routing;
import io.atta.core.Ids;
import io.atta.server.http.ApiCall;
import io.atta.server.http.Reply;
import io.atta.server.json.Json;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /v1/cluster/routing} (any key): which shard serves each slot, and the HTTP address
 * of each shard's leader as this node knows it, so that a client can send a write straight to
 * the leader instead of paying the forwarding hop (docs/API.md, Cluster).
 *
 * <pre>{"shards":4,"slots":1024,"slot_shard":[0,0,…,3],
 *  "leaders":[{"shard":0,"http":"http://127.0.0.1:8201"},{"shard":1,"http":null},…]}</pre>
 *
 * A leader is named by its {@code node.N.http} address in this node's cluster file; it is null
 * while the group has no leader, when the leader is not in this node's file (added after it
 * started), or when its address is a wildcard no client can connect to. A single server leads
 * every shard itself, so each leader is its own address.
 */
public final class RoutingApi {
    /** Bind addresses that say "every interface" and so name no host a client could reach. */
    static final Set<String> wildcardHosts = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private final LedgerService service;
    private final Supplier<String> selfUrl;

    /** @param selfUrl this server's base URL ({@code http://host:port}), or null when it has none a client can use */
    public RoutingApi(LedgerService service, Supplier<String> selfUrl) {
        this.service = service;
        this.selfUrl = selfUrl;
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        Routing routing = service.routing();
        String[] leaders = leaders(routing.shards());
        byte[] body = Json.write(64 + 2 * Ids.slotCount + 64 * routing.shards(), g -> {
            g.writeStartObject();
            g.writeNumberField("shards", routing.shards());
            g.writeNumberField("slots", Ids.slotCount);
            g.writeArrayFieldStart("slot_shard");
            for (int slot = 0; slot < Ids.slotCount; slot++) {
                g.writeNumber(routing.shardOfSlot(slot));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("leaders");
            for (int s = 0; s < leaders.length; s++) {
                g.writeStartObject();
                g.writeNumberField("shard", s);
                if (leaders[s] == null) {
                    g.writeNullField("http");
                } else {
                    g.writeStringField("http", leaders[s]);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return CompletableFuture.completedFuture(new Reply(200, body));
    }

    /** Each shard's leader's base URL, or null where unknown. */
    private String[] leaders(int shards) {
        String[] leaders = new String[shards];
        Replicas replicas = service.replicas().orElse(null);
        ClusterMember member = replicas == null ? null : replicas.cluster();
        if (member == null) {
            java.util.Arrays.fill(leaders, selfUrl.get());
            return leaders;
        }
        for (int s = 0; s < shards; s++) {
            String leader = replicas.leader(s);
            if (leader != null) {
                leaders[s] = member.file().nodeAtRaft(leader)
                        .map(n -> httpUrl(n.httpHost(), n.httpPort())).orElse(null);
            }
        }
        return leaders;
    }

    /** {@code http://host:port}, with an IPv6 literal in brackets; null for a wildcard bind address. */
    public static String httpUrl(String host, int port) {
        if (wildcardHosts.contains(host)) {
            return null;
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port;
    }
}
