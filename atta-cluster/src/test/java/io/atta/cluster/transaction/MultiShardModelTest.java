package io.atta.cluster.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The model-based test across several shards (docs/ARCHITECTURE.md §9): per seed, two to four
 * {@link ShardLedger}s in one thread ({@link SimulatedShards}), a client sending a few hundred
 * random requests ({@link RandomOperations}) — on one shard directly, across shards through a
 * {@link TransactionCoordinator} — in a random interleaving, with lost replies, driver crashes at
 * random protocol steps, and ledger restarts from snapshots. Every answer must be the naive
 * {@link ReferenceShards}'s, every batch must leave its shard balanced, and once everything is
 * answered and a last recovery has run, every balance is the model's and nothing is left in
 * transit ({@link ModelRun}).
 *
 * <p>A failure names its seed; {@code mvn -pl atta-cluster test -Dtest=MultiShardModelTest
 * -Datta.seed=<seed>} replays exactly that run. {@code -Datta.seeds} and {@code -Datta.operations}
 * make the run longer. New chains that repeat an earlier cross-shard leg word for word are part of
 * the workload ({@code -Datta.reuseLegs=false} leaves them out): a participant must refuse them
 * rather than take them for a repeat of the earlier transaction.
 */
class MultiShardModelTest {
    private static final long firstSeed = 0x5EED_2000L;
    private static final int seeds = Integer.getInteger("atta.seeds", 100);
    private static final int operations = Integer.getInteger("atta.operations", 300);
    private static final boolean reuseLegs = Boolean.parseBoolean(System.getProperty("atta.reuseLegs", "true"));

    private final Map<Result, Integer> results = new TreeMap<>(Comparator.comparing(Result::code));
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Set<Integer> shardCounts = new TreeSet<>();
    private final Map<CrashPoints.Step, Integer> crashSteps = new EnumMap<>(CrashPoints.Step.class);
    private int commits;
    private int participantAborts;
    private int coordinatorRefusals;
    private int ties;
    private int crashes;
    private int lostReplies;
    private int orphans;
    private int dropped;
    private int ledgerRestarts;
    private int retries;
    private int leftForFinalRecovery;
    private long batches;

    @TestFactory
    Stream<DynamicTest> theShardsAgreeWithTheModel() {
        String fixed = System.getProperty("atta.seed");
        LongStream seedList = fixed != null && !fixed.isBlank()
                ? LongStream.of(Long.decode(fixed.trim()))
                : LongStream.range(firstSeed, firstSeed + seeds);
        Stream<DynamicTest> runs = seedList.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            ModelRun run = new ModelRun(seed, reuseLegs);
            run.run(operations);
            tally(run);
        }));
        DynamicTest variety = DynamicTest.dynamicTest("the runs reached the interesting cases", () -> {
            System.out.printf("multi-shard model test: %d batches, shards %s; transactions: %d committed, %d aborted"
                    + " by a participant (%d refused at one leg by two), %d refused by the coordinator; driver crashes"
                    + " %s, %d lost replies, %d orphaned and %d dropped submissions, %d ledger restarts, %d retries,"
                    + " %d left for the final recovery;"
                    + " requests %s; results %s%n", batches, shardCounts, commits, participantAborts,
                    ties, coordinatorRefusals, crashSteps, lostReplies, orphans, dropped, ledgerRestarts, retries,
                    leftForFinalRecovery, kinds, results);
            if (fixed == null) {
                assertThat(shardCounts).containsExactly(2, 3, 4);
                assertThat(Map.of("committed", commits, "aborted by a participant", participantAborts,
                        "refused by the coordinator", coordinatorRefusals))
                        .allSatisfy((what, n) -> assertThat(n).as("transactions %s", what).isGreaterThan(seeds));
                assertThat(ties).as("aborts refused at one leg by two participants").isPositive();
                assertThat(Map.of("driver crashes", crashes, "lost replies", lostReplies, "orphaned submissions",
                        orphans, "dropped submissions", dropped, "ledger restarts", ledgerRestarts, "retries", retries))
                        .allSatisfy((what, n) -> assertThat(n).as(what).isPositive());
                assertThat(crashSteps).as("steps the driver crashed at").containsOnlyKeys(CrashPoints.Step.values());
                assertThat(kinds).as("requests").containsKeys("repeat", "repeat-changed", "repeat-in-flight",
                        "repeat-in-flight-changed", "old-id", "close", "top-up", "chain");
                assertThat(results.keySet()).as("results").containsAll(Set.of(Result.ok, Result.exists,
                        Result.exists_with_different_fields, Result.insufficient_funds, Result.account_not_found,
                        Result.account_closed, Result.currency_mismatch, Result.linked_event_failed,
                        Result.user_exists));
            }
        });
        return Stream.concat(runs, Stream.of(variety));
    }

    private void tally(ModelRun run) {
        run.results.forEach((r, n) -> results.merge(r, n, Integer::sum));
        run.kinds.forEach((k, n) -> kinds.merge(k, n, Integer::sum));
        run.crashSteps.forEach((k, n) -> crashSteps.merge(k, n, Integer::sum));
        shardCounts.add(run.settings.shards());
        commits += run.model().commits;
        participantAborts += run.model().participantAborts;
        coordinatorRefusals += run.model().coordinatorRefusals;
        ties += run.model().ties;
        crashes += run.crashes;
        lostReplies += run.sim.lostReplies;
        orphans += run.sim.orphans;
        dropped += run.sim.dropped;
        ledgerRestarts += run.sim.ledgerRestarts;
        retries += run.retries;
        leftForFinalRecovery += run.leftForFinalRecovery;
        batches += run.sim.batches;
    }

    @Test
    void theSameSeedRunsTheSameWay() {
        long seed = firstSeed + 7;
        ModelRun a = new ModelRun(seed, false);
        ModelRun b = new ModelRun(seed, false);
        a.run(150);
        b.run(150);

        assertThat(b.sim.batches).isEqualTo(a.sim.batches);
        for (int s = 0; s < a.sim.shardCount(); s++) {
            assertThat(b.sim.ledgers[s].stateHash()).as("state hash of shard %d", s)
                    .isEqualTo(a.sim.ledgers[s].stateHash());
        }
    }

    /** Money the model does not know of, slipped onto a shard, must fail the run by its seed. */
    @Test
    void aDivergenceIsReportedWithItsSeed() {
        long seed = firstSeed + 3;
        new ModelRun(seed, false).run(100);

        ModelRun sabotaged = new ModelRun(seed, false);
        sabotaged.sabotage = sim -> {
            ShardLedger l = sim.ledgers[0];
            long bank = HouseAccount.bankFunding.id(l.homeSlot(), Currency.CNY);
            AccountState wallet = l.accounts().stream().filter(a -> a.ownerUserId() != 0
                    && a.ledger() == Currency.CNY.ledger() && (a.flags() & AccountFlags.closed) == 0)
                    .findFirst().orElseThrow();
            l.apply(sim.now(), new Command[] {new CreateTransfer(Ids.compose(l.homeSlot(), Ids.localMask), bank, wallet.id(), 1,
                    wallet.ledger(), 1, 0, 0, 0, 0, 0)});
        };
        assertThatThrownBy(() -> sabotaged.run(100)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + seed).hasMessageContaining("-Datta.seed=" + seed);
    }
}
