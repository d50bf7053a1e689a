package io.atta.cli.cluster;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.cluster.shard.ShardGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Changes to the membership and leadership of the shard groups, through SOFAJRaft's
 * {@link CliService}, which finds each group's leader by asking the nodes of the cluster file.
 * Every change is one raft configuration change, and each step first reads the group's
 * configuration from its leader and does nothing when it is already done: a verb interrupted
 * halfway is finished by running it again.
 */
public final class Membership implements AutoCloseable {
    /** How long one raft request (a configuration change included) may take before it is tried again. */
    public static final int rpcTimeoutMs = 30_000;
    /** How often a step is tried when the group is busy (another change, an election) before the verb fails. */
    public static final int changeAttempts = 10;
    public static final long retryPauseMs = 500;
    /**
     * How long the first request to a node may take to connect: bolt checks a new connection
     * with a request of its own, which a busy node answers slower than bolt's default second.
     */
    public static final int connectTimeoutMs = 5_000;
    /** How long a transfer of leadership may take to show. */
    public static final long leaderChangeTimeoutMs = 30_000;
    static final long pollIntervalMs = 100;

    /** A group's configuration as its leader holds it: raft endpoints. */
    public record GroupConf(List<String> voters, List<String> learners) {
    }

    private final ClusterFile file;
    private final CliService cli;
    private final Configuration everyNode = new Configuration();

    private Membership(ClusterFile file, CliService cli) {
        this.file = file;
        this.cli = cli;
        for (NodeAddress n : file.nodes().values()) {
            everyNode.addPeer(PeerId.parsePeer(n.raftEndpoint()));
        }
    }

    /**
     * A raft client for the groups of {@code file}. Its RPC layer's log files go to
     * {@code logDir} (they read {@code logging.path} once, when the first client is made).
     */
    public static Membership open(ClusterFile file, Path logDir) {
        if (System.getProperty("logging.path") == null) {
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the log directory " + logDir, e);
            }
            System.setProperty("logging.path", logDir.toAbsolutePath().toString());
        }
        CliOptions options = new CliOptions();
        options.setTimeoutMs(rpcTimeoutMs);
        options.setRpcDefaultTimeout(rpcTimeoutMs);
        options.setRpcConnectTimeoutMs(connectTimeoutMs);
        return new Membership(file, RaftServiceFactory.createAndInitCliService(options));
    }

    /** The group's voters and learners, from its leader. */
    public GroupConf conf(int shard) {
        try {
            return new GroupConf(endpoints(cli.getPeers(group(shard), everyNode)),
                    endpoints(cli.getLearners(group(shard), everyNode)));
        } catch (RuntimeException e) {
            throw new ClusterFailure("shard " + shard + ": cannot read its configuration: " + e.getMessage(), e);
        }
    }

    /** The voters the leader has heard from lately. */
    public List<String> aliveVoters(int shard) {
        try {
            return endpoints(cli.getAlivePeers(group(shard), everyNode));
        } catch (RuntimeException e) {
            throw new ClusterFailure("shard " + shard + ": cannot ask its leader which voters are alive: "
                    + e.getMessage(), e);
        }
    }

    /** The learners the leader has heard from lately. */
    public List<String> aliveLearners(int shard) {
        try {
            return endpoints(cli.getAliveLearners(group(shard), everyNode));
        } catch (RuntimeException e) {
            throw new ClusterFailure("shard " + shard + ": cannot ask its leader which learners are alive: "
                    + e.getMessage(), e);
        }
    }

    /** The raft endpoint of the group's leader, or null when no node knows one. */
    public String leaderEndpoint(int shard) {
        PeerId leader = new PeerId();
        Status st = cli.getLeader(group(shard), everyNode, leader);
        return st.isOk() && !leader.isEmpty() ? leader.getEndpoint().toString() : null;
    }

    /** The id of the node that leads the group, or {@link ClusterView#noLeader}. */
    public int leaderNode(int shard) {
        String leader = leaderEndpoint(shard);
        return leader == null ? ClusterView.noLeader : file.nodeAtRaft(leader).map(NodeAddress::id)
                .orElse(ClusterView.noLeader);
    }

    /** Makes {@code node} a learner of the group; false when it already was one. */
    public boolean addLearner(int shard, int node) {
        String n = endpoint(node);
        return ensure(shard, "add node " + node + " as a learner", c -> c.learners().contains(n),
                () -> cli.addLearners(group(shard), everyNode, List.of(peer(node))));
    }

    /** Takes {@code node}'s learner replica out of the group; false when it had none. */
    public boolean removeLearner(int shard, int node) {
        String n = endpoint(node);
        return ensure(shard, "remove learner node " + node, c -> !c.learners().contains(n),
                () -> cli.removeLearners(group(shard), everyNode, List.of(peer(node))));
    }

    /** Moves the group's leadership to {@code node} (a voter) and waits until it leads; false when it already did. */
    public boolean transferLeader(int shard, int node) {
        String target = endpoint(node);
        String last = "no attempt";
        for (int attempt = 1; attempt <= changeAttempts; attempt++) {
            if (target.equals(leaderEndpoint(shard))) {
                return attempt > 1;
            }
            Status st = cli.transferLeader(group(shard), everyNode, peer(node));
            if (st.isOk() && awaitLeader(shard, target)) {
                return true;
            }
            last = st.isOk() ? "node " + node + " did not take over within " + leaderChangeTimeoutMs + " ms"
                    : st.toString();
            pause();
        }
        throw new ClusterFailure("shard " + shard + ": could not move leadership to node " + node + " in "
                + changeAttempts + " attempts (changeAttempts): " + last);
    }

    /**
     * Replaces voter {@code from} by {@code to}: leadership leaves {@code from} first; then
     * {@code to} stops being a learner and becomes a voter (a configuration may not hold a node
     * as both; SOFAJRaft's own learner2Follower does the same two steps), {@code from} leaves
     * the voters and, when {@code keepLearner}, comes back as a learner. The group has four
     * voters for a moment and never fewer than three.
     */
    public void moveVoter(int shard, int from, int to, boolean keepLearner, Consumer<String> progress) {
        String f = endpoint(from);
        String t = endpoint(to);
        GroupConf c = conf(shard);
        if (!c.voters().contains(f) && !c.voters().contains(t)) {
            throw new ClusterFailure("shard " + shard + ": node " + from + " does not vote in its group (voters: "
                    + nodes(c.voters()) + ")");
        }
        if (c.voters().contains(f) && f.equals(leaderEndpoint(shard))) {
            int other = c.voters().stream().filter(v -> !v.equals(f)).map(this::nodeOf).findFirst().orElseThrow();
            transferLeader(shard, other);
            progress.accept("shard " + shard + ": leadership moved from node " + from + " to node " + other);
        }
        if (ensure(shard, "take node " + to + "'s learner replica out", g -> !g.learners().contains(t),
                () -> cli.removeLearners(group(shard), everyNode, List.of(peer(to))))) {
            progress.accept("shard " + shard + ": node " + to + " is no longer a learner");
        }
        if (ensure(shard, "add node " + to + " as a voter", g -> g.voters().contains(t),
                () -> cli.addPeer(group(shard), everyNode, peer(to)))) {
            progress.accept("shard " + shard + ": node " + to + " votes");
        }
        if (ensure(shard, "remove voter node " + from, g -> !g.voters().contains(f),
                () -> cli.removePeer(group(shard), everyNode, peer(from)))) {
            progress.accept("shard " + shard + ": node " + from + " no longer votes");
        }
        if (keepLearner && addLearner(shard, from)) {
            progress.accept("shard " + shard + ": node " + from + " keeps a learner replica");
        }
    }

    /** Node ids for raft endpoints, an endpoint no node of the file has as itself. */
    public String nodes(List<String> endpoints) {
        List<String> ids = new ArrayList<>();
        for (String e : endpoints) {
            ids.add(file.nodeAtRaft(e).map(n -> Integer.toString(n.id())).orElse(e));
        }
        return String.join(",", ids);
    }

    /**
     * Runs {@code change} until {@code done} holds of the group's configuration, reading it
     * anew before each attempt; true when a change was made, false when it was already done.
     */
    private boolean ensure(int shard, String what, Predicate<GroupConf> done, Supplier<Status> change) {
        String last = "no attempt";
        boolean changed = false;
        for (int attempt = 1; attempt <= changeAttempts; attempt++) {
            GroupConf c;
            try {
                c = conf(shard);
            } catch (ClusterFailure e) {
                last = e.getMessage();
                pause();
                continue;
            }
            if (done.test(c)) {
                return changed;
            }
            Status st = change.get();
            if (st.isOk()) {
                changed = true;
            } else {
                last = st.toString();
                pause();
            }
        }
        throw new ClusterFailure("shard " + shard + ": could not " + what + " in " + changeAttempts
                + " attempts (changeAttempts): " + last);
    }

    private boolean awaitLeader(int shard, String target) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaderChangeTimeoutMs);
        while (System.nanoTime() < deadline) {
            if (target.equals(leaderEndpoint(shard))) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
        return false;
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryPauseMs));
    }

    private String endpoint(int node) {
        return file.node(node).raftEndpoint();
    }

    private PeerId peer(int node) {
        return PeerId.parsePeer(endpoint(node));
    }

    private int nodeOf(String endpoint) {
        return file.nodeAtRaft(endpoint).map(NodeAddress::id).orElseThrow(() -> new ClusterFailure(
                "the group has a member at " + endpoint + ", which the cluster file does not name"));
    }

    private static String group(int shard) {
        return ShardGroup.groupId(shard);
    }

    private static List<String> endpoints(List<PeerId> peers) {
        List<String> l = new ArrayList<>();
        for (PeerId p : peers) {
            l.add(p.getEndpoint().toString());
        }
        return List.copyOf(l);
    }

    @Override
    public void close() {
        cli.shutdown();
    }
}
