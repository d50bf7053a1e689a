package io.atta.client;

import io.atta.client.ScriptedHttpServer.Received;
import io.atta.client.ScriptedHttpServer.Step;
import io.atta.core.Currency;
import io.atta.core.Ids;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client given three nodes, against three scripted servers on real sockets: single-shard
 * transfer batches go to their shard's leader as {@code GET /v1/cluster/routing} names it, other
 * requests to the nodes in turn, and a leader that is down or unavailable is left for another
 * node, with the same request.
 */
class NodeRoutingClientTest {
    private static final String transfers = "/v1/transfers";
    private static final String routingPath = "/v1/cluster/routing";
    private static final Pattern itemId = Pattern.compile("\\{\"id\":\"(\\d+)\"");
    /** A debit account on shard 0 (slots 0-511) and one on shard 1. */
    private static final long onShardZero = Ids.compose(5, Ids.firstUserLocalId);
    private static final long onShardOne = Ids.compose(600, Ids.firstUserLocalId);

    /** The routing document: shard 0 serves slots 0-511, shard 1 the rest; the leaders as given (null: unknown). */
    private static String routing(URI leaderOfZero, URI leaderOfOne) {
        StringBuilder slots = new StringBuilder();
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            slots.append(slot == 0 ? "" : ",").append(slot < Ids.slotCount / 2 ? 0 : 1);
        }
        return "{\"shards\":2,\"slots\":1024,\"slot_shard\":[" + slots + "],\"leaders\":["
                + "{\"shard\":0,\"http\":" + quoted(leaderOfZero) + "},{\"shard\":1,\"http\":" + quoted(leaderOfOne)
                + "}]}";
    }

    private static String quoted(URI u) {
        return u == null ? "null" : "\"" + u + "\"";
    }

    /** A node that names the leaders as given, answers {@code ok} to every transfer, or refuses as {@code refuse} says. */
    private static ScriptedHttpServer node(String[] routing, Predicate<Received> refuse, Step refusal)
            throws IOException {
        return new ScriptedHttpServer(r -> {
            if (r.target().equals(routingPath)) {
                return Step.reply(200, routing[0]);
            }
            if (r.target().equals("/health")) {
                return Step.reply(200, "{\"status\":\"ok\",\"shards\":2}");
            }
            return refuse.test(r) ? refusal : Step.reply(200, allOk(r.body()));
        });
    }

    private static ScriptedHttpServer node(String[] routing) throws IOException {
        return node(routing, r -> false, null);
    }

    private static String allOk(String batch) {
        List<String> results = new ArrayList<>();
        Matcher m = itemId.matcher(batch);
        while (m.find()) {
            results.add("{\"id\":\"" + m.group(1) + "\",\"result\":\"ok\"}");
        }
        return "{\"results\":[" + String.join(",", results) + "]}";
    }

    private static AttaClient client(ScriptedHttpServer... nodes) {
        return AttaClient.create(ClientOptions.ofNodes(Stream.of(nodes).map(ScriptedHttpServer::uri).toList(), "k")
                .withRetry(new RetryPolicy(5, 1, 4)).withRequestTimeoutMs(10_000));
    }

    private static List<NewTransfer> batch(long firstId, long... debits) {
        List<NewTransfer> items = new ArrayList<>();
        for (int i = 0; i < debits.length; i++) {
            items.add(NewTransfer.of(firstId + i, debits[i], Ids.compose(7, Ids.firstUserLocalId + i), 100,
                    Currency.CNY));
        }
        return items;
    }

    @Test
    void aBatchWhoseDebitsShareAShardGoesToItsLeaderAndOtherRequestsGoToEachNodeInTurn() throws IOException {
        String[] routing = new String[1];
        try (ScriptedHttpServer a = node(routing); ScriptedHttpServer b = node(routing);
             ScriptedHttpServer c = node(routing); AttaClient client = client(a, b, c)) {
            routing[0] = routing(b.uri(), c.uri());
            ClusterRouting table = client.clusterRouting();
            assertThat(table.shards()).isEqualTo(2);
            assertThat(table.leader(0)).isEqualTo(b.uri());
            assertThat(table.shardOf(onShardOne)).isEqualTo(1);

            assertThat(client.createTransfers(batch(1, onShardZero, onShardZero)).allOk()).isTrue();
            assertThat(client.createTransfers(batch(3, onShardOne)).allOk()).isTrue();
            assertThat(b.received(transfers)).hasSize(1);
            assertThat(c.received(transfers)).hasSize(1);
            assertThat(client.createTransfers(batch(4, onShardZero, onShardOne)).allOk()).isTrue();
            assertThat(a.received(transfers).size() + b.received(transfers).size() + c.received(transfers).size())
                    .isEqualTo(3);

            for (int i = 0; i < 3; i++) {
                assertThat(client.health().isOk()).isTrue();
            }
            assertThat(List.of(a.received("/health").size(), b.received("/health").size(), c.received("/health").size()))
                    .containsExactly(1, 1, 1);
        }
    }

    @Test
    void anUnavailableLeaderIsLeftForAnotherNodeWithTheSameBatch() throws IOException {
        String[] routing = new String[1];
        Step unavailable = Step.reply(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"no leader\"}}");
        try (ScriptedHttpServer a = node(routing); ScriptedHttpServer b = node(routing, r -> true, unavailable);
             ScriptedHttpServer c = node(routing); AttaClient client = client(a, b, c)) {
            routing[0] = routing(b.uri(), c.uri());
            client.clusterRouting();

            BatchResults results = client.createTransfers(batch(10, onShardZero));

            assertThat(results.allOk()).isTrue();
            assertThat(b.received(transfers)).hasSize(1);
            List<Received> elsewhere = new ArrayList<>(a.received(transfers));
            elsewhere.addAll(c.received(transfers));
            assertThat(elsewhere).hasSize(1);
            assertThat(elsewhere.get(0).body()).isEqualTo(b.received(transfers).get(0).body());
        }
    }

    @Test
    void aLeaderThatLosesTheReplyOrRefusesConnectionsIsLeftForAnotherNode() throws IOException {
        String[] routing = new String[1];
        URI down;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        try (ScriptedHttpServer a = node(routing); ScriptedHttpServer b = node(routing, r -> true, Step.drop());
             ScriptedHttpServer c = node(routing); AttaClient client = client(a, b, c)) {
            // Shard 0's leader loses every reply; shard 1's leader is at a port nobody listens on.
            routing[0] = routing(b.uri(), down);
            client.clusterRouting();

            assertThat(client.createTransfers(batch(20, onShardZero)).allOk()).isTrue();
            assertThat(client.createTransfers(batch(21, onShardOne)).allOk()).isTrue();

            assertThat(b.received(transfers)).hasSize(1);
            List<Received> elsewhere = new ArrayList<>(a.received(transfers));
            elsewhere.addAll(c.received(transfers));
            assertThat(elsewhere).hasSize(2);
            assertThat(elsewhere).extracting(Received::body).contains(b.received(transfers).get(0).body());
        }
    }

    @Test
    void theClientAsksForTheRoutingByItselfAndThenSendsToTheLeader() throws IOException {
        String[] routing = new String[1];
        try (ScriptedHttpServer a = node(routing); ScriptedHttpServer b = node(routing);
             ScriptedHttpServer c = node(routing); AttaClient client = client(a, b, c)) {
            routing[0] = routing(c.uri(), c.uri());
            // The table arrives in the background after the first request: once it has, every
            // batch goes to c. The bound is generous; a few batches are enough.
            int inARowAtC = 0;
            for (int i = 0; i < 1000 && inARowAtC < 10; i++) {
                int before = c.received(transfers).size();
                client.createTransfers(batch(100 + i, onShardZero));
                inARowAtC = c.received(transfers).size() > before ? inARowAtC + 1 : 0;
            }

            assertThat(inARowAtC).isEqualTo(10);
            assertThat(Stream.of(a, b, c).mapToInt(n -> n.received(routingPath).size()).sum()).isPositive();
        }
    }

    @Test
    void aClientOfOneServerNeverAsksForTheRouting() throws IOException {
        String[] routing = {routing(null, null)};
        try (ScriptedHttpServer a = node(routing);
             AttaClient client = AttaClient.create(ClientOptions.of(a.uri(), "k"))) {
            client.createTransfers(batch(1, onShardZero));
            client.health();

            assertThat(a.received(routingPath)).isEmpty();
            assertThat(a.received()).extracting(Received::target).containsExactly(transfers, "/health");
        }
    }

    @Test
    void nodesAreCheckedWhenGiven() {
        URI one = URI.create("http://127.0.0.1:1");
        assertThat(ClientOptions.ofNodes(List.of(one, URI.create("http://127.0.0.1:2")), "k").baseUri()).isEqualTo(one);
        assertThat(ClientOptions.of(one, "k").nodes()).containsExactly(one);
        assertThatThrownBy(() -> ClientOptions.ofNodes(List.of(one, one), "k")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ClientOptions.ofNodes(List.of(), "k"))
                .hasMessageContaining("maxNodes");
    }
}
