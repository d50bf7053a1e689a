package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.cluster.transaction.CrashPoints;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code atta verify}, in-process, on data directories made by a real three-shard node. */
class VerifyCommandTest {
    private static final int cny = Currency.CNY.ledger();
    private static final int shards = 3;

    @TempDir
    Path dir;

    /** One funded wallet per shard. */
    private static long[] wallets(AttaNode node) throws Exception {
        long[] w = new long[shards];
        for (int s = 0; s < shards; s++) {
            int slot = node.homeSlotOf(s);
            w[s] = Ids.compose(slot, Ids.firstUserLocalId + 2);
            assertThat(node.submit(s, new io.atta.core.command.Command[] {
                    new CreateUser(Ids.compose(slot, Ids.firstUserLocalId + 1), w[s], cny, 1, 2, 3, 4),
                    transfer(900 + s, HouseAccount.bankFunding.id(slot, Currency.CNY), w[s], 1_000)})
                    .get(30, TimeUnit.SECONDS)).containsExactly(Result.ok, Result.ok);
        }
        return w;
    }

    /** A transfer whose id {@code n} carries the debit account's slot, as every transfer id must. */
    private static CreateTransfer transfer(long n, long debit, long credit, long amount) {
        return transfer(n, debit, credit, amount, 0);
    }

    private static CreateTransfer transfer(long n, long debit, long credit, long amount, int flags) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), n), debit, credit, amount, cny, 1, flags, 0, 0, 0, 0);
    }

    /**
     * A chain over three shards: its coordinator decides (a transfer between two shards is decided
     * by its one participant, and its coordinator records that off the caller's path).
     */
    private static CreateTransfer[] chainOverThreeShards(long[] w) {
        return new CreateTransfer[] {transfer(7, w[0], w[2], 50, TransferFlags.linked), transfer(8, w[0], w[1], 10)};
    }

    private static Result[] transact(AttaNode node, CreateTransfer leg) throws Exception {
        return node.transact(new CreateTransfer[] {leg}).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aStoppedDirectoryAfterCrossShardTransfersVerifies() throws Exception {
        Path data = dir.resolve("data");
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, shards))) {
            long[] w = wallets(node);
            assertThat(transact(node, transfer(1, w[0], w[1], 250))).containsExactly(Result.ok);
            assertThat(transact(node, transfer(2, w[2], w[0], 75))).containsExactly(Result.ok);
        }

        CliRun run = atta("verify", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("3 shards: OK\n").contains("unfinished transactions: none")
                .contains("violations: none");
        // One CNY row per shard, with its in-transit position, and the sum of the positions.
        assertThat(run.out().lines().filter(l -> l.startsWith("shard ")).map(l -> l.split(" +")))
                .extracting(cells -> cells[0] + " " + cells[1] + " " + cells[cells.length - 1])
                .containsExactly("shard 0 1.75", "shard 1 -2.50", "shard 2 0.75");
        assertThat(run.out().lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow()).endsWith(" 0.00");

        CliRun json = atta("verify", "--data", data.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.at("/currencies/0/shards")).hasSize(shards);
    }

    @Test
    void anUnfinishedTransactionIsReportedAsOnDiskNotDriven() throws Exception {
        Path data = dir.resolve("data");
        CrashPoints afterDecide = (step, k) -> step == CrashPoints.Step.afterDecide;
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, shards), () -> System.currentTimeMillis() * 1_000_000L,
                afterDecide)) {
            long[] w = wallets(node);
            assertThatThrownBy(() -> node.transact(chainOverThreeShards(w)).get(30, TimeUnit.SECONDS))
                    .hasMessageContaining("crash point");
        }

        CliRun run = atta("verify", "--data", data.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode unfinished = new ObjectMapper().readTree(run.out()).get("unfinished");
        assertThat(unfinished).extracting(u -> u.get("shard").asInt() + " " + u.get("role").asText() + " "
                + u.get("state").asText()).containsExactlyInAnyOrder("0 coordinator committed", "1 participant prepared",
                "2 participant prepared");
        // Verifying drove nothing: a second look finds the same.
        assertThat(new ObjectMapper().readTree(atta("verify", "--data", data.toString(), "--json").out())
                .get("unfinished")).hasSize(3);
        // A node that serves the directory finishes it, and then it verifies with nothing unfinished.
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, shards))) {
            long[] w = new long[shards];
            for (int s = 0; s < shards; s++) {
                w[s] = Ids.compose(node.homeSlotOf(s), Ids.firstUserLocalId + 2);
            }
            assertThat(node.transact(chainOverThreeShards(w)).get(30, TimeUnit.SECONDS))
                    .containsExactly(Result.exists, Result.exists);
            // The answer comes once the decision is durable; the node resolves and finishes the
            // transaction just after it (docs/TRANSACTIONS.md): wait for that, within a bound.
            awaitNoActiveTransaction(node);
        }
        CliRun after = atta("verify", "--data", data.toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("unfinished transactions: none");
    }

    private static void awaitNoActiveTransaction(AttaNode node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!node.read(0, l -> l.activeTransactions().isEmpty()).get(30, TimeUnit.SECONDS)) {
            assertThat(System.nanoTime()).as("the node finished the transaction within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void moneyLeftInTransitOutsideATransactionExitsWithThree() throws Exception {
        Path data = dir.resolve("data");
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, shards))) {
            long[] w = wallets(node);
            long inTransit = HouseAccount.inTransit.id(node.homeSlotOf(1), Currency.CNY);
            assertThat(node.submit(1, new io.atta.core.command.Command[] {transfer(20, w[1], inTransit, 40)})
                    .get(30, TimeUnit.SECONDS)).containsExactly(Result.ok);
        }

        CliRun run = atta("verify", "--data", data.toString());

        assertThat(run.exitCode()).isEqualTo(VerifyCommand.exitViolations);
        assertThat(run.out()).startsWith("3 shards: 1 violation\n")
                .contains("CNY: the in-transit positions sum to 0.40, not 0, with no unfinished transaction");
    }

    @Test
    void aDirectoryAServerIsRunningOnIsRefusedWithAClearMessage() throws Exception {
        Path data = dir.resolve("data");
        try (RunningNode running = RunningNode.start(data, "127.0.0.1", 0, 2, "verify-test-admin-key")) {
            CliRun run = atta("verify", "--data", data.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("atta verify: cannot open " + data)
                    .contains("Is a server running on " + data + "?");
            assertThat(run.out()).isEmpty();
            assertThat(running.node().healthy()).isTrue();
        }
    }

    @Test
    void aDirectoryWithoutANodeIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        CliRun run = atta("verify", "--data", dir.resolve("empty").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(dir.resolve("empty") + " is not an Atta data directory");
        assertThat(atta("verify").exitCode()).isEqualTo(2);
    }
}
