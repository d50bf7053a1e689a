package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.cluster.ClusterFile.NodeAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code atta cluster status}'s output for a {@link ClusterView}: a table of the nodes, then one
 * per shard (leader, term, and each replica's role, applied index, lag and commit index), or the
 * same as one JSON document.
 */
final class StatusReport {
    static final String down = "down";

    private StatusReport() {
    }

    static String table(ClusterView view) {
        StringBuilder b = new StringBuilder();
        List<String[]> nodes = new ArrayList<>();
        nodes.add(new String[] {"node", "raft", "http", "state"});
        for (NodeAddress n : view.file().nodes().values()) {
            nodes.add(new String[] {Integer.toString(n.id()), n.raftEndpoint(), NodeApi.baseUri(n).toString(),
                    view.isUp(n.id()) ? "up" : down});
        }
        b.append(view.file().nodes().size()).append(" nodes, ").append(view.file().shards()).append(" shards\n");
        appendRows(b, "", nodes);
        for (int s = 0; s < view.file().shards(); s++) {
            int leader = view.leaderOf(s);
            b.append('\n').append("shard ").append(s).append(": ");
            if (leader == ClusterView.noLeader) {
                b.append("NO LEADER\n");
            } else {
                b.append("leader node ").append(leader).append(", term ").append(view.replica(leader, s).term())
                        .append('\n');
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"node", "role", "applied", "lag", "commit"});
            for (int id : view.file().nodes().keySet()) {
                ReplicaView r = view.replica(id, s);
                if (r == null) {
                    rows.add(new String[] {Integer.toString(id), view.isUp(id) ? "none" : down, "", "", ""});
                } else {
                    long lag = view.lag(id, s);
                    rows.add(new String[] {Integer.toString(id), r.role(), Long.toString(r.appliedIndex()),
                            lag < 0 ? "?" : Long.toString(lag), Long.toString(r.committedIndex())});
                }
            }
            appendRows(b, "  ", rows);
            String disagreement = disagreement(view, s, leader);
            if (disagreement != null) {
                b.append("  ").append(disagreement).append('\n');
            }
        }
        return b.toString();
    }

    /** A note when the group's voters, as its leader holds them, are not the file's {@code shard.S}. */
    private static String disagreement(ClusterView view, int shard, int leader) {
        if (leader == ClusterView.noLeader) {
            return null;
        }
        List<String> group = nodeIds(view, view.replica(leader, shard).voters());
        List<String> fileVoters = view.file().voters().get(shard).stream().map(String::valueOf).toList();
        if (group.stream().sorted().toList().equals(fileVoters.stream().sorted().toList())) {
            return null;
        }
        return "note: the group's voters are " + String.join(",", group) + ", the cluster file's shard." + shard
                + " says " + String.join(",", fileVoters);
    }

    /** Node ids for raft endpoints, or the endpoint itself when no node of the file has it. */
    private static List<String> nodeIds(ClusterView view, List<String> endpoints) {
        return endpoints.stream().map(e -> view.file().nodeAtRaft(e).map(n -> Integer.toString(n.id())).orElse(e))
                .toList();
    }

    static String json(ClusterView view) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode doc = m.createObjectNode();
        ArrayNode nodes = doc.putArray("nodes");
        for (NodeAddress n : view.file().nodes().values()) {
            nodes.addObject().put("node_id", n.id()).put("raft", n.raftEndpoint())
                    .put("http", NodeApi.baseUri(n).toString()).put("up", view.isUp(n.id()));
        }
        ArrayNode shards = doc.putArray("shards");
        for (int s = 0; s < view.file().shards(); s++) {
            int leader = view.leaderOf(s);
            ObjectNode shard = shards.addObject().put("shard", s);
            if (leader == ClusterView.noLeader) {
                shard.putNull("leader_node");
                shard.putNull("term");
            } else {
                ReplicaView l = view.replica(leader, s);
                shard.put("leader_node", leader).put("term", l.term());
                members(view, shard.putArray("voters"), l.voters());
                members(view, shard.putArray("learners"), l.learners());
            }
            ArrayNode fileVoters = shard.putArray("file_voters");
            view.file().voters().get(s).forEach(fileVoters::add);
            ArrayNode replicas = shard.putArray("replicas");
            for (int id : view.file().nodes().keySet()) {
                ReplicaView r = view.replica(id, s);
                ObjectNode o = replicas.addObject().put("node_id", id);
                if (r == null) {
                    o.put("role", view.isUp(id) ? "none" : down);
                } else {
                    o.put("role", r.role()).put("last_log_index", r.lastLogIndex())
                            .put("applied_index", r.appliedIndex()).put("committed_index", r.committedIndex());
                    long lag = view.lag(id, s);
                    if (lag < 0) {
                        o.putNull("lag");
                    } else {
                        o.put("lag", lag);
                    }
                }
            }
        }
        ArrayNode leaderless = doc.putArray("leaderless_shards");
        view.leaderlessShards().forEach(leaderless::add);
        return doc.toString();
    }

    /** Node ids for raft endpoints, the endpoint itself for a member no node of the file has. */
    private static void members(ClusterView view, ArrayNode array, List<String> endpoints) {
        for (String e : endpoints) {
            view.file().nodeAtRaft(e).ifPresentOrElse(n -> array.add(n.id()), () -> array.add(e));
        }
    }

    static void appendRows(StringBuilder b, String indent, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
