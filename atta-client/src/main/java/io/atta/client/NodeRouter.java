package io.atta.client;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Where each attempt of a request goes when the client is given several nodes of a cluster. A
 * request that names the ids it routes by (a transfers batch: its debit accounts) goes to the
 * leader of their shard when they share one and the routing table names its leader; any other
 * request goes to the configured nodes in turn. A node that failed (no connection, no reply, or
 * {@code unavailable}) is passed over for {@link #suspectMs} while another remains, and makes
 * the table worth asking for again; the table is asked for at most every
 * {@link #minRefreshIntervalMs}, however many requests fail meanwhile, and again once it is
 * {@link #maxTableAgeMs} old, since leadership may move without any request failing.
 *
 * <p>Nodes are named by their origin ({@code http://host:port}, see {@link HttpTransport#origin}).
 * Thread-safe; time comes from the clock given, so tests move it.
 */
final class NodeRouter {
    /** Least time between the starts of two routing refreshes. */
    static final long minRefreshIntervalMs = 200;
    /** A table this old is asked for again. */
    static final long maxTableAgeMs = 5_000;
    /** How long a node that failed is passed over while another is not. */
    static final long suspectMs = 1_000;

    /** A routing table and when it arrived; leaders as origins, null where unknown. */
    private record Table(ClusterRouting routing, String[] leaders, long receivedNanos) {
    }

    private final List<String> nodes;
    private final LongSupplier nanoClock;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentHashMap<String, Long> failedAtNanos = new ConcurrentHashMap<>();
    private volatile Table table;
    private volatile boolean refreshWanted = true;
    /** Guarded by {@code this}. */
    private boolean refreshing;
    /** Guarded by {@code this}; starts far enough back that the first refresh is not held up. */
    private long lastRefreshNanos;

    NodeRouter(List<String> nodes, LongSupplier nanoClock) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one node");
        }
        this.nodes = List.copyOf(nodes);
        this.nanoClock = nanoClock;
        this.lastRefreshNanos = nanoClock.getAsLong() - TimeUnit.MILLISECONDS.toNanos(minRefreshIntervalMs);
    }

    /**
     * The node for one attempt: the leader of the shard {@code routeIds} share when known and not
     * {@code avoid} (the node the last attempt failed on, or null), else the next node in turn.
     */
    String target(long[] routeIds, String avoid) {
        Table t = table;
        if (t != null && routeIds != null) {
            int shard = t.routing().commonShard(routeIds);
            String leader = shard < 0 ? null : t.leaders()[shard];
            if (leader != null && !leader.equals(avoid) && !suspect(leader, nanoClock.getAsLong())) {
                return leader;
            }
        }
        return inTurn(avoid);
    }

    /** The next configured node that is neither {@code avoid} nor suspect; failing that, the next other than {@code avoid}. */
    String inTurn(String avoid) {
        long now = nanoClock.getAsLong();
        int n = nodes.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        String other = null;
        for (int i = 0; i < n; i++) {
            String node = nodes.get((start + i) % n);
            if (node.equals(avoid)) {
                continue;
            }
            if (!suspect(node, now)) {
                return node;
            }
            if (other == null) {
                other = node;
            }
        }
        return other != null ? other : nodes.get(start);
    }

    /** An attempt on {@code node} found it down or unavailable. */
    void failed(String node) {
        failedAtNanos.put(node, nanoClock.getAsLong());
        refreshWanted = true;
    }

    /**
     * True when the routing table should be asked for now: none yet, a node failed since the
     * last answer, or the table is old; and no refresh runs and none started within
     * {@link #minRefreshIntervalMs}. A true answer claims the refresh: the caller makes it and
     * reports with {@link #refreshed}.
     */
    boolean claimRefresh() {
        long now = nanoClock.getAsLong();
        Table t = table;
        boolean due = refreshWanted || t == null
                || now - t.receivedNanos() >= TimeUnit.MILLISECONDS.toNanos(maxTableAgeMs);
        if (!due) {
            return false;
        }
        synchronized (this) {
            if (refreshing || now - lastRefreshNanos < TimeUnit.MILLISECONDS.toNanos(minRefreshIntervalMs)) {
                return false;
            }
            refreshing = true;
            refreshWanted = false;
            lastRefreshNanos = now;
            return true;
        }
    }

    /** The claimed refresh ended: with a table, or null when it failed (then another is wanted). */
    void refreshed(ClusterRouting routing) {
        synchronized (this) {
            refreshing = false;
        }
        if (routing == null) {
            refreshWanted = true;
        } else {
            update(routing);
        }
    }

    /** A routing table arrived (from a refresh, or asked for by the caller). */
    void update(ClusterRouting routing) {
        String[] leaders = new String[routing.shards()];
        for (int s = 0; s < leaders.length; s++) {
            leaders[s] = routing.leader(s) == null ? null : HttpTransport.origin(routing.leader(s));
        }
        table = new Table(routing, leaders, nanoClock.getAsLong());
    }

    private boolean suspect(String node, long now) {
        Long failed = failedAtNanos.get(node);
        return failed != null && now - failed < TimeUnit.MILLISECONDS.toNanos(suspectMs);
    }
}
