package io.atta.cli;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.ledger.HouseAccount;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The audit chain's command-line checks, in-process (docs/AUDIT.md): {@code atta audit
 * verify-proof} on a proof saved from a running server holds with the server's key and fails
 * once the file is changed; {@code atta verify --data} passes a stopped node's directory and
 * fails, naming the shard and height, once a byte of its history is flipped.
 */
class AuditCommandTest {
    private static final String adminKey = "test-admin-key-0123456789";
    private static final int cny = Currency.CNY.ledger();
    private static final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSavedProofHoldsWithTheKeyAndFailsOnceChanged() throws Exception {
        Path data = dir.resolve("data");
        long transfer = Ids.compose(0, 777);
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, 1));
             AttaServer server = AttaServer.start(node, new ServerOptions("127.0.0.1", 0, adminKey))) {
            fund(node, transfer);
            String base = "http://127.0.0.1:" + server.port();
            Files.writeString(dir.resolve("proof.json"), get(base + "/v1/audit/proofs/transfers/" + transfer));
            Files.writeString(dir.resolve("key.json"), get(base + "/v1/audit/key"));
        }
        String key = json.readTree(Files.readString(dir.resolve("key.json"))).get("public_key").asText();

        CliRun holds = atta("audit", "verify-proof", dir.resolve("proof.json").toString(), "--key", key);
        assertThat(holds.exitCode()).as(holds.err()).isZero();
        assertThat(holds.out()).contains("proof holds");
        assertThat(atta("audit", "verify-proof", dir.resolve("proof.json").toString(), "--key",
                dir.resolve("key.json").toString()).exitCode()).as("the key's JSON answer, saved").isZero();

        ObjectNode changed = (ObjectNode) json.readTree(Files.readString(dir.resolve("proof.json")));
        String event = changed.get("event").asText();
        // One more minor unit in the transfer's amount (bytes 25..32 of the event, after its tag).
        long amount = ByteBuffer.wrap(java.util.HexFormat.of().parseHex(event), 25, 8).getLong();
        changed.put("event", event.substring(0, 50) + String.format("%016x", amount + 1) + event.substring(66));
        Files.writeString(dir.resolve("changed.json"), json.writeValueAsString(changed));
        CliRun fails = atta("audit", "verify-proof", dir.resolve("changed.json").toString(), "--key", key);
        assertThat(fails.exitCode()).isEqualTo(VerifyCommand.exitViolations);
        assertThat(fails.out()).contains("proof FAILS");

        String otherKey = "00".repeat(31) + "01";
        assertThat(atta("audit", "verify-proof", dir.resolve("proof.json").toString(), "--key", otherKey).exitCode())
                .as("another key").isNotZero();
    }

    @Test
    void verifyPassesAStoppedDirectoryAndNamesTheShardAndHeightOfAFlippedByte() throws Exception {
        Path data = dir.resolve("data");
        long height;
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, 1))) {
            fund(node, Ids.compose(0, 888));
            height = node.readStale(0, l -> {
                AuditModule a = l.module(AuditModule.class);
                for (long h = a.height(); h > 0; h--) {
                    if (!a.events(h).isEmpty()) {
                        return h;
                    }
                }
                return 0L;
            });
        }
        Path copy = dir.resolve("copy");
        copyTree(data, copy);

        CliRun ok = atta("verify", "--data", data.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("audit chain of shard 0: ");

        try (Options o = new Options(); RocksDB db = RocksDB.open(o, copy.resolve("shard-0/history").toString())) {
            byte[] key = ByteBuffer.allocate(10).put((byte) 'a').put(AuditModule.eventsKind).putLong(height).array();
            byte[] v = db.get(key);
            v[v.length - 1] ^= 1;
            db.put(key, v);
        }
        CliRun broken = atta("verify", "--data", copy.toString());
        assertThat(broken.exitCode()).isEqualTo(VerifyCommand.exitViolations);
        assertThat(broken.err()).contains("audit chain BROKEN: shard 0 height " + height + ":");
    }

    private static void fund(AttaNode node, long transferId) throws Exception {
        long user = Ids.compose(0, Ids.firstUserLocalId);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        long bank = HouseAccount.bankFunding.id(node.homeSlotOf(0), Currency.CNY);
        assertThat(node.submit(0, new Command[] {new CreateUser(user, wallet, cny, 1, 2, 3, 4),
                new CreateTransfer(transferId, bank, wallet, 12_345, cny, 1, 0, 0, 0, 0, 0)})
                .get(30, TimeUnit.SECONDS)).containsOnly(Result.ok);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals("LOCK")) {
                    Files.copy(f, t);
                }
            }
        }
    }
}
