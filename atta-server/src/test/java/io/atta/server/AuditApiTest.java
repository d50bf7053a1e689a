package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.audit.AuditHash;
import io.atta.core.audit.AuditKeys;
import io.atta.core.audit.MerkleTree;
import io.atta.core.audit.RecordProof;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.audit.ProofDocument;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit routes on a durable node (docs/AUDIT.md): a transfer's owner gets a proof that
 * verifies offline with the published key, a stranger gets 403; checkpoints are signed, numbered
 * and linked by consistency proofs that verify, and one from another history does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    private ApiFixture f;
    private PublicKey key;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onAttaNode(dir, 2);
        HttpApi.Reply k = f.api.get("/v1/audit/key", adminKey);
        assertThat(k.status()).as(k.toString()).isEqualTo(200);
        key = AuditKeys.publicKey(HexFormat.of().parseHex(k.body().get("public_key").asText()));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void theOwnerOfATransferGetsAProofThatVerifiesOfflineAndAStrangerIsRefused() {
        NewUser alice = f.createFundedUser("100.00");
        NewUser bob = f.createFundedUser("100.00");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpApi.Reply r = f.api.post("/v1/users/" + alice.id() + "/topup", adminKey,
                    "{\"amount\":\"1.0" + i + "\",\"currency\":\"CNY\",\"request_id\":\"audit-" + ApiFixture.nextId()
                            + "\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            ids.add(r.body().get("transfer_id").asText());
        }
        for (String id : ids) {
            HttpApi.Reply p = f.api.get("/v1/audit/proofs/transfers/" + id, alice.token());
            assertThat(p.status()).as(p.toString()).isEqualTo(200);
            RecordProof proof = ProofDocument.read(p.body());
            assertThat(proof.failure(key)).as("transfer %s", id).isNull();
            assertThat(p.body().get("transfer_id").asText()).isEqualTo(id);

            assertThat(f.api.get("/v1/audit/proofs/transfers/" + id, bob.token()).status()).isEqualTo(403);
            assertThat(f.api.get("/v1/audit/proofs/transfers/" + id, adminKey).status()).isEqualTo(200);
        }
        assertThat(f.api.get("/v1/audit/proofs/transfers/999999", adminKey).status()).isEqualTo(404);
    }

    @Test
    void aTradesMerchantAndBuyerGetAProofOfEveryEntryOfItsTimelineAndOthersAreRefused() {
        TradeCalls trades = new TradeCalls(f);
        TradeCalls.Merchant shop = trades.merchant("Tea House");
        NewUser buyer = trades.buyerAwayFrom(shop.id(), "100.00");
        NewUser stranger = f.createFundedUser("1.00");
        String tradeNo = trades.created(shop, "audit-" + ApiFixture.nextId(), "12.50", buyer.id());
        trades.paid(buyer, tradeNo);

        HttpApi.Reply p = f.api.get("/v1/audit/proofs/trades/" + tradeNo, shop.apiKey());
        assertThat(p.status()).as(p.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode e : p.body().get("events")) {
            types.add(e.get("type").asText());
            assertThat(ProofDocument.read(e).failure(key)).as("trade %s, %s", tradeNo, e.get("type")).isNull();
        }
        assertThat(types).as("the order's entries on its shard, the payment on the buyer's").contains("created",
                "paid");
        assertThat(p.body().get("events").findValues("shard").stream().map(JsonNode::asInt).distinct().count())
                .isEqualTo(2);

        assertThat(f.api.get("/v1/audit/proofs/trades/" + tradeNo, buyer.token()).status()).isEqualTo(200);
        assertThat(f.api.get("/v1/audit/proofs/trades/" + tradeNo, stranger.token()).status()).isEqualTo(403);
        assertThat(f.api.get("/v1/audit/proofs/trades/123456789", adminKey).status()).isEqualTo(404);
    }

    @Test
    void checkpointsAreSignedAndLinkedByConsistencyProofs() {
        HttpApi.Reply first = f.api.get("/v1/audit/checkpoints/latest", adminKey);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        f.createFundedUser("5.00");
        HttpApi.Reply second = f.api.get("/v1/audit/checkpoints/latest", adminKey);
        long m = first.body().get("seq").asLong();
        long n = second.body().get("seq").asLong();
        assertThat(n).as("a write moved a head: a new checkpoint").isGreaterThan(m);
        SignedCheckpoint a = ProofDocument.checkpoint(first.body());
        SignedCheckpoint b = ProofDocument.checkpoint(second.body());
        assertThat(a.verify(key)).isTrue();
        assertThat(b.verify(key)).isTrue();
        assertThat(ProofDocument.checkpoint(f.api.get("/v1/audit/checkpoints/" + m, adminKey).body()).root())
                .isEqualTo(a.root());

        HttpApi.Reply c = f.api.get("/v1/audit/consistency?from=" + m + "&to=" + n, adminKey);
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        List<byte[]> proof = new ArrayList<>();
        for (JsonNode h : c.body().get("proof")) {
            proof.add(HexFormat.of().parseHex(h.asText()));
        }
        AuditHash h = new AuditHash();
        assertThat(MerkleTree.verifyConsistency(h, m, n, a.root(), b.root(), proof)).isTrue();

        // A fork: a log whose checkpoint m is another entry cannot be shown consistent with n.
        byte[] forked = h.node(a.root(), a.root());
        assertThat(MerkleTree.verifyConsistency(h, m, n, forked, b.root(), proof)).isFalse();
        assertThat(f.api.get("/v1/audit/consistency?from=" + n + "&to=" + m, adminKey).status()).isEqualTo(400);
        assertThat(f.api.get("/v1/audit/checkpoints/" + (n + 1000), adminKey).status()).isEqualTo(404);
    }
}
