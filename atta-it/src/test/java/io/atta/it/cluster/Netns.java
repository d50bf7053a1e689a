package io.atta.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network for a cluster test, made of Linux network namespaces with iproute2 (the test runs
 * as root): one namespace per node, and two bridges in the root namespace, one carrying HTTP
 * and one carrying raft. Node {@code i} has two veths: HTTP address {@code 10.201.X.i} and raft
 * address {@code 10.202.X.i}, where {@code X} is picked per run; the test reaches every node's
 * HTTP from the root namespace at {@code 10.201.X.254}. Taking a node's raft veth down cuts it
 * off from the other nodes' raft traffic while its HTTP stays reachable. Names carry a per-run
 * tag, and everything made is deleted on {@link #close} (or at JVM exit).
 */
final class Netns implements AutoCloseable {
    /** Where one node sits: its namespace, its two veths (inside the namespace) and their addresses. */
    record Node(int id, String namespace, String httpVeth, String raftVeth, String httpAddress, String raftAddress) {
    }

    static final int httpNet = 201;
    static final int raftNet = 202;
    static final int rootHost = 254;
    static final int prefixLength = 24;
    /** How long one ip command may take. */
    static final long commandTimeoutMs = 30_000;
    /** Linux's limit on an interface name (IFNAMSIZ - 1). */
    static final int maxInterfaceName = 15;

    private final String tag;
    private final int subnet;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> bridges = new ArrayList<>();
    private final CleanupOnExit.Registration cleanup;

    private Netns(String tag, int subnet) {
        this.tag = tag;
        this.subnet = subnet;
        this.cleanup = CleanupOnExit.register("network namespaces " + tag, this::delete);
    }

    /**
     * Makes the namespaces, veths and bridges for nodes {@code 1..nodeCount}. A command that
     * fails throws with its standard error, after what was made so far is deleted.
     */
    static Netns create(int nodeCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String tag = String.format("%04x", random.nextInt(1 << 16));
        Netns net = new Netns(tag, 1 + random.nextInt(250));
        try {
            net.build(nodeCount);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void build(int nodeCount) {
        String httpBridge = name("ah", 0);
        String raftBridge = name("ar", 0);
        for (String bridge : List.of(httpBridge, raftBridge)) {
            run("ip", "link", "add", bridge, "type", "bridge");
            bridges.add(bridge);
            run("ip", "link", "set", bridge, "up");
        }
        run("ip", "addr", "add", address(httpNet, rootHost) + "/" + prefixLength, "dev", httpBridge);
        for (int id = 1; id <= nodeCount; id++) {
            String ns = "atta-it-" + tag + "-" + id;
            run("ip", "netns", "add", ns);
            Node n = new Node(id, ns, name("eh", id), name("er", id), address(httpNet, id), address(raftNet, id));
            nodes.add(n);
            run("ip", "-n", ns, "link", "set", "lo", "up");
            attach(n, httpBridge, name("vh", id), n.httpVeth(), n.httpAddress());
            attach(n, raftBridge, name("vr", id), n.raftVeth(), n.raftAddress());
        }
    }

    /** A veth pair: {@code outside} on {@code bridge}, {@code inside} in the node's namespace with {@code address}. */
    private void attach(Node n, String bridge, String outside, String inside, String address) {
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        run("ip", "link", "set", outside, "master", bridge);
        run("ip", "link", "set", outside, "up");
        run("ip", "link", "set", inside, "netns", n.namespace());
        run("ip", "-n", n.namespace(), "addr", "add", address + "/" + prefixLength, "dev", inside);
        run("ip", "-n", n.namespace(), "link", "set", inside, "up");
    }

    private String name(String kind, int id) {
        String name = kind + tag + (id == 0 ? "" : "n" + id);
        if (name.length() > maxInterfaceName) {
            throw new IllegalArgumentException("interface name " + name + " is longer than " + maxInterfaceName);
        }
        return name;
    }

    private String address(int net, int host) {
        return "10." + net + "." + subnet + "." + host;
    }

    Node node(int id) {
        return nodes.get(id - 1);
    }

    /** {@code command} run inside node {@code id}'s namespace ({@code ip netns exec} execs it: the pid is its own). */
    List<String> inNamespace(int id, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", node(id).namespace()));
        cmd.addAll(command);
        return cmd;
    }

    /** Takes node {@code id}'s raft veth down (cut off from the other nodes' raft traffic) or up again. */
    void raftLink(int id, boolean up) {
        run("ip", "-n", node(id).namespace(), "link", "set", node(id).raftVeth(), up ? "up" : "down");
    }

    /** Deletes the namespaces (their veths, and so the veths' other ends, go with them) and the bridges. */
    private void delete() {
        List<String> failed = new ArrayList<>();
        for (Node n : nodes) {
            tryRun(failed, "ip", "netns", "del", n.namespace());
        }
        for (String bridge : bridges) {
            tryRun(failed, "ip", "link", "del", bridge);
        }
        nodes.clear();
        bridges.clear();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("cleanup of network " + tag + " failed: " + failed);
        }
    }

    private static void tryRun(List<String> failed, String... command) {
        try {
            run(command);
        } catch (RuntimeException e) {
            failed.add(e.getMessage());
        }
    }

    /** Runs {@code command}; throws with its exit code and standard error when it fails. */
    static String run(String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(commandTimeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + commandTimeoutMs + " ms");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + err.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        cleanup.close();
    }
}
