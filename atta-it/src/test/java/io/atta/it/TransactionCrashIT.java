package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.client.Account;
import io.atta.client.AccountIds;
import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.CreatedUser;
import io.atta.client.NewTransfer;
import io.atta.client.RetryPolicy;
import io.atta.cluster.Routing;
import io.atta.cluster.RoutingTableFile;
import io.atta.cluster.transaction.CrashPoints.Step;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real 3-shard server is killed with SIGKILL at every step of the cross-shard transaction
 * protocol (docs/ARCHITECTURE.md §5; {@code -Datta.crashAt}), once while a linked chain over all three
 * shards commits and once while one that its last participant refuses aborts. Restarted without
 * the crash point, recovery must take the transaction to the end it would have reached without
 * the crash: every leg applied or none, a retry answered as the first request would have been,
 * nothing left in transit and every currency summing to zero. Before the restart, {@code atta
 * verify} on the dead server's directory shows that the crash landed where it was meant to: the
 * coordinator's record and the participants' prepared pieces as the step implies.
 */
class TransactionCrashIT {
    private static final int shards = 3;
    private static final long fundingMinor = 1_000_00;
    private static final long[] legAmountsMinor = {300_00, 200_00, 50_00};
    /** The server's JVM: a small heap and the C1 compiler only, since each process lives a few seconds. */
    private static final List<String> serverJvmArgs = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    /** No settlement sweeps: a sweep is a cross-shard transaction too, and would take the crash meant for the chain. */
    private static final List<String> serverArgs = List.of("--settlement-interval", "0");
    private static final String adminKey = "it-admin-key-transaction-crash";
    /** How long the server may take to die once the request has failed. */
    private static final long exitBoundMs = 30_000;

    @TempDir
    Path tmp;

    /** How the chain must end: all legs posted, or refused by its last participant. */
    enum Outcome { commits, aborts }

    /** Every crash point of the protocol, k = 1..participants where it counts acknowledgements, for both outcomes. */
    static Stream<Arguments> cases() {
        List<String> points = new ArrayList<>();
        for (Step s : Step.values()) {
            if (s == Step.afterPrepare || s == Step.afterResolve) {
                for (int k = 1; k < shards; k++) {
                    points.add(s.name() + ":" + k);
                }
            } else {
                points.add(s.name());
            }
        }
        List<Arguments> cases = new ArrayList<>();
        for (String point : points) {
            for (Outcome o : Outcome.values()) {
                // Each shard takes its turn as the coordinator.
                cases.add(Arguments.of(point, o, cases.size() % shards));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "kill -9 at {0}, chain {1}, coordinator shard {2}")
    @MethodSource("cases")
    void recoveryFinishesTheTransaction(String crashAt, Outcome outcome, int coordinator) throws Exception {
        try (RestartableServer server = new RestartableServer(tmp.resolve("data"), RestartableServer.freePort(), shards, adminKey,
                serverJvmArgs, serverArgs)) {
            try {
                crashAndRecover(server, crashAt, outcome, coordinator);
            } catch (Throwable t) {
                ServerLogTail.print(server.logFile());
                throw t;
            }
        }
    }

    private void crashAndRecover(RestartableServer server, String crashAt, Outcome outcome, int coordinator)
            throws Exception {
        String context = "crash at " + crashAt + ", chain " + outcome;
        try (AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), adminKey)
                .withRetry(RetryPolicy.none()).withRequestTimeoutMs(20_000))) {
            long began = System.nanoTime();
            long firstStartMs = server.startCrashingAt(crashAt);
            Routing routing = RoutingTableFile.load(server.data());
            long[] wallet = fundedWalletPerShard(client, routing);
            int x = coordinator;
            int y = (coordinator + 1) % shards;
            int z = (coordinator + 2) % shards;
            long lastCredit = outcome == Outcome.commits ? wallet[x] : absentAccountOnShardOf(wallet[z]);
            List<NewTransfer> chain = List.of(
                    leg(1, wallet[x], wallet[y], legAmountsMinor[0], true),
                    leg(2, wallet[y], wallet[z], legAmountsMinor[1], true),
                    leg(3, wallet[z], lastCredit, legAmountsMinor[2], false));

            Result[] outcome3 = outcome == Outcome.commits
                    ? new Result[] {Result.ok, Result.ok, Result.ok}
                    : new Result[] {Result.linked_event_failed, Result.linked_event_failed, Result.account_not_found};
            if (Step.valueOf(crashAt.split(":")[0]).compareTo(Step.afterAnswer) >= 0) {
                // The caller is answered once the decision is durable; the kill right after may beat the reply out.
                try {
                    BatchResults answer = client.createTransfers(chain);
                    for (int i = 0; i < outcome3.length; i++) {
                        assertThat(answer.result(i)).as("%s: the answer before the crash, leg %d", context, i)
                                .isEqualTo(outcome3[i]);
                    }
                } catch (AttaClientException diedFirst) {
                    // The process died before the reply was written: a retry below answers it.
                }
            } else {
                assertThatThrownBy(() -> client.createTransfers(chain)).as("%s: the request dies with the server",
                        context).isInstanceOf(AttaClientException.class);
            }
            assertThat(server.awaitExit(exitBoundMs)).as("%s: the server killed itself", context).isTrue();
            assertStateAtCrash(OfflineVerify.report(server.data(), server.logFile()), crashAt, outcome, coordinator,
                    z, chain.get(0).id(), context);
            long restartMs = server.startClean();
            ApiReads reads = new ApiReads(server.baseUri(), adminKey);
            LedgerAudit audit = new LedgerAudit(client, reads, routing);
            audit.awaitQuiet(context);

            Map<Long, Long> expected = new HashMap<>();
            for (long w : wallet) {
                expected.put(w, fundingMinor);
            }
            if (outcome == Outcome.commits) {
                for (NewTransfer t : chain) {
                    expected.merge(t.debitAccountId(), -t.amount(), Long::sum);
                    expected.merge(t.creditAccountId(), t.amount(), Long::sum);
                }
            }
            assertLegs(reads, chain, outcome, context);
            assertWallets(client, expected, context + ", after recovery");

            BatchResults retry = client.createTransfers(chain);
            Result[] answered = new Result[retry.size()];
            for (int i = 0; i < answered.length; i++) {
                answered[i] = retry.result(i);
            }
            Result[] wanted = outcome == Outcome.commits
                    ? new Result[] {Result.exists, Result.exists, Result.exists}
                    : new Result[] {Result.linked_event_failed, Result.linked_event_failed, Result.account_not_found};
            assertThat(answered).as("%s: a retry of the chain", context).containsExactly(wanted);
            assertWallets(client, expected, context + ", after the retry");
            audit.assertBalanced(expected.keySet(), context);
            System.out.printf("%s: first start %d ms, restart %d ms, case %d ms%n", context, firstStartMs, restartMs,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
    }

    /** What the disk holds after a crash at a step: the coordinator's state, how many participants hold pieces. */
    private record AtCrash(String coordinatorState, int minPrepared, int maxPrepared) {
    }

    /**
     * Checks {@code atta verify}'s report of the directory the server died on: the transaction
     * is unfinished, its coordinator's record is in the state the step implies, as many
     * participants hold prepared pieces as the acknowledgements before the step require and the
     * messages sent before it allow, and no invariant is broken even in mid-transaction.
     */
    private static void assertStateAtCrash(JsonNode report, String crashAt, Outcome outcome, int coordinator,
                                           int refuser, long firstLegId, String context) {
        String[] parts = crashAt.split(":");
        int k = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        int participants = shards - 1;
        // Participants that can prepare: all when the chain commits, all but the refuser when it aborts.
        int voters = outcome == Outcome.commits ? participants : participants - 1;
        String decided = outcome == Outcome.commits ? "committed" : "aborted";
        AtCrash want = switch (Step.valueOf(parts[0])) {
            case beforePrepare -> new AtCrash("preparing", 0, 0);
            case afterPrepare -> new AtCrash("preparing", Math.max(0, k - (participants - voters)), voters);
            case beforeDecide -> new AtCrash("preparing", voters, voters);
            case afterDecide, afterAnswer -> new AtCrash(decided, voters, voters);
            case afterResolve -> new AtCrash(decided, 0, Math.min(voters, participants - k));
            case beforeFinish -> new AtCrash(decided, 0, 0);
        };
        String txId = Long.toString(firstLegId);
        List<String> coordinators = new ArrayList<>();
        int prepared = 0;
        for (JsonNode u : report.path("unfinished")) {
            assertThat(u.path("tx_id").asText()).as("%s: unfinished at the crash: %s", context, u).isEqualTo(txId);
            assertThat(u.path("coordinator").asInt()).as("%s: coordinator of %s", context, u).isEqualTo(coordinator);
            if (u.path("role").asText().equals("coordinator")) {
                assertThat(u.path("shard").asInt()).as("%s: %s", context, u).isEqualTo(coordinator);
                coordinators.add(u.path("state").asText());
            } else {
                assertThat(u.path("shard").asInt()).as("%s: a participant holding pieces: %s", context, u)
                        .isNotEqualTo(coordinator);
                if (outcome == Outcome.aborts) {
                    assertThat(u.path("shard").asInt()).as("%s: the refuser holds nothing: %s", context, u)
                            .isNotEqualTo(refuser);
                }
                prepared++;
            }
        }
        assertThat(coordinators).as("%s: the coordinator's record on disk at the crash (%s)", context, report)
                .containsExactly(want.coordinatorState());
        assertThat(prepared).as("%s: participants holding prepared pieces at the crash (%s)", context, report)
                .isBetween(want.minPrepared(), want.maxPrepared());
        assertThat(report.path("violations")).as("%s: invariants on disk at the crash", context).isEmpty();
    }

    /** One user per shard, each with a wallet topped up from its shard's bank-funding account; wallets by shard. */
    private static long[] fundedWalletPerShard(AttaClient client, Routing routing) {
        long[] wallet = new long[shards];
        long[] user = new long[shards];
        for (int i = 0; i < 200 && Arrays.stream(wallet).anyMatch(w -> w == 0); i++) {
            CreatedUser u = client.createUser(Currency.CNY);
            int s = routing.shardOf(u.walletAccountId());
            if (wallet[s] == 0) {
                wallet[s] = u.walletAccountId();
                user[s] = u.userId();
            }
        }
        for (int s = 0; s < shards; s++) {
            assertThat(wallet[s]).as("a user on shard %d", s).isNotZero();
            assertThat(client.topup(user[s], fundingMinor, Currency.CNY, "fund-" + s).result()).isEqualTo(Result.ok);
        }
        return wallet;
    }

    /** An account id on the same shard as {@code account} that no one has created. */
    private static long absentAccountOnShardOf(long account) {
        return AccountIds.forOwner(account, 99);
    }

    /**
     * The id of the chain's {@code n}-th leg (from 1), in its debit account's slot as every transfer
     * id must be; the first leg's id is the transaction's.
     */
    private static long legId(int n, long debit) {
        return Ids.compose(Ids.slotOf(debit), 7_000_000L + n);
    }

    private static NewTransfer leg(int n, long debit, long credit, long amount, boolean linked) {
        return new NewTransfer(legId(n, debit), debit, credit, amount, Currency.CNY, NewTransfer.defaultCode,
                linked ? TransferFlags.linked : 0, 0, 0, 0);
    }

    /** Each leg as {@code GET /v1/transfers/{id}} shows it: posted across shards, or voided or never made. */
    private static void assertLegs(ApiReads reads, List<NewTransfer> chain, Outcome outcome,
                                   String context) {
        for (NewTransfer t : chain) {
            Optional<ApiReads.Seen> seen = reads.transfer(t.id());
            if (outcome == Outcome.commits) {
                assertThat(seen).as("%s: leg %d recorded", context, t.id()).isPresent();
                assertThat(seen.get().crossShard()).as("%s: leg %d is cross-shard: %s", context, t.id(), seen.get())
                        .isTrue();
                assertThat(seen.get().pendingStatus()).as("%s: leg %d", context, t.id()).isEqualTo("posted");
            } else if (seen.isPresent()) {
                assertThat(seen.get().pendingStatus()).as("%s: leg %d", context, t.id()).isEqualTo("voided");
            }
        }
    }

    private static void assertWallets(AttaClient client, Map<Long, Long> expected, String context) {
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            Account a = client.getAccount(e.getKey());
            assertThat(a.balance()).as("%s: balance of wallet %d", context, e.getKey()).isEqualTo(e.getValue());
            assertThat(a.debitsPending() + a.creditsPending()).as("%s: pending on wallet %d", context, e.getKey())
                    .isZero();
        }
    }
}
