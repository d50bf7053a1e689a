package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.cluster.Routing;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep calls into the shards, and the shards' threads may at that moment hold raft's locks
 * while they complete another sweep's future, whose callback enters the sweeper. So the sweeper
 * must never call into the shards while it holds its own monitor: this deadlocked a node (a
 * restarted server that served HTTP but never became healthy). Here the shards answer a sweep's
 * read only once another thread has entered the sweeper, as raft's read-index thread would.
 */
class SettlementSweeperLockTest {
    private static final int shards = 2;

    @Test
    void aSweepCallsIntoTheShardsWithoutHoldingTheSweepersMonitor() throws Exception {
        SettlementSweeper[] sweeper = new SettlementSweeper[1];
        Routing routing = new Routing(shards);
        LedgerService service = (LedgerService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "shardCount" -> shards;
                    case "routing" -> routing;
                    case "read" -> readAfterAnotherThreadEntersTheSweeper(sweeper[0], (Function<ShardLedger, ?>) args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        sweeper[0] = new SettlementSweeper(service, s -> s == 1, () -> 0L, 60, shard -> List.of());

        CompletableFuture<SettlementSweeper.Sweep> sweep = sweeper[0].sweep(1);

        assertThat(sweep.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(SettlementSweeper.Outcome.nothingToSweep);
    }

    /**
     * Answers a read (an empty ledger: nothing to sweep) only after another thread has started a
     * sweep of its own, which takes the sweeper's monitor; bounded, so a deadlock fails the test.
     */
    private static CompletableFuture<Object> readAfterAnotherThreadEntersTheSweeper(SettlementSweeper sweeper,
                                                                                  Function<ShardLedger, ?> reader)
            throws InterruptedException {
        Thread other = new Thread(sweeper::sweepDue, "as-raft-would");
        other.start();
        other.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(other.isAlive()).as("another thread could enter the sweeper while it called the shards")
                .isFalse();
        return CompletableFuture.completedFuture(reader.apply(ShardLedger.standalone(new InMemoryTransferStore())));
    }
}
