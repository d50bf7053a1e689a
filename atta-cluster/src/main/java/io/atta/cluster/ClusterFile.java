package io.atta.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster file (docs/CLUSTER.md): the nodes of a cluster, with the raft and HTTP address of
 * each, and the three nodes that vote in each shard's group. Every node of the cluster starts
 * from the same file. A node that does not vote in a group keeps a learner replica of it, so
 * that any node answers any read from its own copy.
 *
 * <pre>
 * shards = 4
 * node.1.raft = 10.0.0.1:7101
 * node.1.http = 10.0.0.1:8101
 * ...
 * shard.0 = 1,2,3     (voters; the first is the preferred leader)
 * </pre>
 *
 * The file describes how the cluster begins: once it runs, the configuration each group's log
 * holds is authoritative, and membership changes ({@code atta cluster ...}) rewrite both.
 *
 * @param shards            number of shard groups
 * @param electionTimeoutMs raft election timeout of every group
 * @param nodes             the nodes by id, ascending
 * @param voters            per shard, the ids of the nodes that vote in its group (preferred leader first)
 */
public record ClusterFile(int shards, int electionTimeoutMs, Map<Integer, NodeAddress> nodes,
                          List<List<Integer>> voters) {
    /** Replicas that vote in each group. */
    public static final int replicasPerGroup = 3;
    public static final int defaultElectionTimeoutMs = 1000;
    public static final int minElectionTimeoutMs = 200;
    public static final int maxElectionTimeoutMs = 60_000;
    public static final int maxNodes = 64;

    /** Where one node listens: raft (and node-to-node RPC) and HTTP. */
    public record NodeAddress(int id, String raftHost, int raftPort, String httpHost, int httpPort) {
        public String raftEndpoint() {
            return raftHost + ":" + raftPort;
        }

        public String httpEndpoint() {
            return httpHost + ":" + httpPort;
        }
    }

    public ClusterFile {
        if (shards < 1 || shards > NodeOptions.maxShards) {
            throw new IllegalArgumentException("shards must be between 1 and " + NodeOptions.maxShards
                    + " (maxShards), got " + shards);
        }
        if (electionTimeoutMs < minElectionTimeoutMs || electionTimeoutMs > maxElectionTimeoutMs) {
            throw new IllegalArgumentException("election-timeout-ms must be between " + minElectionTimeoutMs + " and "
                    + maxElectionTimeoutMs + ", got " + electionTimeoutMs);
        }
        if (nodes.size() < replicasPerGroup || nodes.size() > maxNodes) {
            throw new IllegalArgumentException("a cluster needs between " + replicasPerGroup + " and " + maxNodes
                    + " nodes (maxNodes), got " + nodes.size());
        }
        Set<String> raft = new java.util.HashSet<>();
        Set<String> http = new java.util.HashSet<>();
        for (NodeAddress n : nodes.values()) {
            if (!raft.add(n.raftEndpoint())) {
                throw new IllegalArgumentException("node." + n.id() + ".raft " + n.raftEndpoint()
                        + " is used by another node");
            }
            if (!http.add(n.httpEndpoint())) {
                throw new IllegalArgumentException("node." + n.id() + ".http " + n.httpEndpoint()
                        + " is used by another node");
            }
        }
        if (voters.size() != shards) {
            throw new IllegalArgumentException("the file places " + voters.size() + " shards, not " + shards);
        }
        List<List<Integer>> copy = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            List<Integer> v = voters.get(s);
            if (v.size() != replicasPerGroup || new LinkedHashSet<>(v).size() != v.size()) {
                throw new IllegalArgumentException("shard." + s + " must name " + replicasPerGroup
                        + " distinct nodes, got " + v);
            }
            for (int id : v) {
                if (!nodes.containsKey(id)) {
                    throw new IllegalArgumentException("shard." + s + " names node " + id + ", which the file does not define");
                }
            }
            copy.add(List.copyOf(v));
        }
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        voters = List.copyOf(copy);
    }

    /**
     * A file for {@code nodes} with voters spread round-robin: shard {@code s} is voted on by
     * the three nodes starting at the {@code s}-th, so preferred leaders rotate over the nodes.
     */
    public static ClusterFile of(int shards, List<NodeAddress> nodes, int electionTimeoutMs) {
        Map<Integer, NodeAddress> byId = new TreeMap<>();
        for (NodeAddress n : nodes) {
            if (byId.put(n.id(), n) != null) {
                throw new IllegalArgumentException("node " + n.id() + " is defined twice");
            }
        }
        List<Integer> ids = new ArrayList<>(byId.keySet());
        List<List<Integer>> voters = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            List<Integer> v = new ArrayList<>();
            for (int r = 0; r < replicasPerGroup && r < ids.size(); r++) {
                v.add(ids.get((s + r) % ids.size()));
            }
            voters.add(v);
        }
        return new ClusterFile(shards, electionTimeoutMs, byId, voters);
    }

    public NodeAddress node(int id) {
        NodeAddress n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("node " + id + " is not in the cluster file (nodes: " + nodes.keySet() + ")");
        }
        return n;
    }

    /** The node whose raft endpoint is {@code host:port}, if any. */
    public java.util.Optional<NodeAddress> nodeAtRaft(String endpoint) {
        return nodes.values().stream().filter(n -> n.raftEndpoint().equals(endpoint)).findFirst();
    }

    /** The nodes that keep a learner replica of {@code shard}: every node that does not vote in it. */
    public List<Integer> learners(int shard) {
        List<Integer> l = new ArrayList<>();
        for (int id : nodes.keySet()) {
            if (!voters.get(shard).contains(id)) {
                l.add(id);
            }
        }
        return l;
    }

    public ClusterFile withNode(NodeAddress n) {
        Map<Integer, NodeAddress> m = new TreeMap<>(nodes);
        if (m.put(n.id(), n) != null) {
            throw new IllegalArgumentException("node " + n.id() + " is already in the cluster file");
        }
        return new ClusterFile(shards, electionTimeoutMs, m, voters);
    }

    public ClusterFile withoutNode(int id) {
        for (int s = 0; s < shards; s++) {
            if (voters.get(s).contains(id)) {
                throw new IllegalArgumentException("node " + id + " still votes in shard " + s + "; move its replica first");
            }
        }
        Map<Integer, NodeAddress> m = new TreeMap<>(nodes);
        m.remove(id);
        return new ClusterFile(shards, electionTimeoutMs, m, voters);
    }

    public ClusterFile withVoters(int shard, List<Integer> ids) {
        List<List<Integer>> v = new ArrayList<>(voters);
        v.set(shard, List.copyOf(ids));
        return new ClusterFile(shards, electionTimeoutMs, nodes, v);
    }

    public static ClusterFile load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster file " + file, e);
        }
        try {
            return parse(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster file " + file + ": " + e.getMessage(), e);
        }
    }

    static ClusterFile parse(Properties p) {
        int shards = intValue(p, "shards", null);
        int election = intValue(p, "election-timeout-ms", defaultElectionTimeoutMs);
        Map<Integer, NodeAddress> nodes = new TreeMap<>();
        List<List<Integer>> voters = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            voters.add(null);
        }
        for (String key : p.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (key.equals("shards") || key.equals("election-timeout-ms")) {
                continue;
            }
            if (parts.length == 3 && parts[0].equals("node") && (parts[2].equals("raft") || parts[2].equals("http"))) {
                int id = nodeId(parts[1], key);
                if (!nodes.containsKey(id)) {
                    String[] raft = hostPort(p, "node." + id + ".raft");
                    String[] http = hostPort(p, "node." + id + ".http");
                    nodes.put(id, new NodeAddress(id, raft[0], Integer.parseInt(raft[1]), http[0],
                            Integer.parseInt(http[1])));
                }
            } else if (parts.length == 2 && parts[0].equals("shard")) {
                int s;
                try {
                    s = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + ": not a shard number");
                }
                if (s < 0 || s >= shards) {
                    throw new IllegalArgumentException(key + ": there are only shards 0.." + (shards - 1));
                }
                List<Integer> ids = new ArrayList<>();
                for (String id : p.getProperty(key).split(",")) {
                    ids.add(nodeId(id.trim(), key));
                }
                voters.set(s, ids);
            } else {
                throw new IllegalArgumentException("unknown key " + key
                        + " (known: shards, election-timeout-ms, node.<id>.raft, node.<id>.http, shard.<n>)");
            }
        }
        if (voters.contains(null)) {
            ClusterFile spread = of(shards, List.copyOf(nodes.values()), election);
            for (int s = 0; s < shards; s++) {
                if (voters.get(s) == null) {
                    voters.set(s, spread.voters().get(s));
                }
            }
        }
        return new ClusterFile(shards, election, nodes, voters);
    }

    private static int nodeId(String text, String key) {
        try {
            int id = Integer.parseInt(text);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": node ids are positive integers, got '" + text + "'");
        }
    }

    private static String[] hostPort(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        int colon = v.trim().lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(key + " must be host:port, got '" + v + "'");
        }
        String host = v.trim().substring(0, colon);
        String port = v.trim().substring(colon + 1);
        try {
            int n = Integer.parseInt(port);
            if (n < 1 || n > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": port must be between 1 and 65535, got '" + port + "'");
        }
        return new String[] {host, port};
    }

    private static int intValue(Properties p, String key, Integer orElse) {
        String v = p.getProperty(key);
        if (v == null) {
            if (orElse == null) {
                throw new IllegalArgumentException(key + " is missing");
            }
            return orElse;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    /** Writes the file atomically (a reader never sees half of it). */
    public void write(Path file) {
        StringBuilder b = new StringBuilder();
        b.append("# Atta cluster file: the nodes, and the nodes that vote in each shard's group\n");
        b.append("# (the first is the preferred leader). Every node starts from the same file.\n");
        b.append("shards = ").append(shards).append('\n');
        b.append("election-timeout-ms = ").append(electionTimeoutMs).append('\n');
        for (NodeAddress n : nodes.values()) {
            b.append("node.").append(n.id()).append(".raft = ").append(n.raftEndpoint()).append('\n');
            b.append("node.").append(n.id()).append(".http = ").append(n.httpEndpoint()).append('\n');
        }
        for (int s = 0; s < shards; s++) {
            b.append("shard.").append(s).append(" = ");
            List<Integer> v = voters.get(s);
            for (int i = 0; i < v.size(); i++) {
                b.append(i == 0 ? "" : ",").append(v.get(i));
            }
            b.append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(b.toString());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster file " + file, e);
        }
    }
}
