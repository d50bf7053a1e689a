package io.atta.cluster;

import io.atta.cluster.transaction.SettlementSweeper;
import io.atta.cluster.transaction.SettlementSweeper.Sweep;
import io.atta.core.command.Command;
import io.atta.core.command.Tick;
import io.atta.engine.ledger.ShardLedger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Brings a node's shards up to its clock at once, rather than at the ticker's next look: every
 * shard is sent ticks until none of its time-driven rules (pending-transfer expiry, trade
 * deadlines: {@link ShardLedger#nextDueAt}) is due by the time the catch-up began, then the
 * settlement sweeps due by then are run. The future completes once all of it is applied. The
 * test clock uses it (POST /v1/test/clock/advance) so that a test sees the rules applied when
 * the call returns.
 *
 * <p>It only adds commands the ticker would send anyway, a moment later: a tick applies what
 * is due by its batch's timestamp, and a sweep is one per shard and interval whoever starts it.
 */
final class ClockCatchUp {
    /**
     * Most ticks sent to one shard in one catch-up. A tick may apply the rules due in bounded
     * chunks, so one shard may need several; this many means something keeps them due.
     */
    static final int maxTicksPerShard = 1_000;
    /**
     * Most rounds of sweeps waited for: a sweep the ticker began for an earlier interval is
     * waited for first, then the current interval's; a failed sweep is tried again.
     */
    static final int maxSweepRounds = 8;

    private final LedgerService shards;
    private final LongSupplier clockNanos;
    /** Null when settlement sweeps are off. */
    private final SettlementSweeper settlement;

    ClockCatchUp(LedgerService shards, LongSupplier clockNanos, SettlementSweeper settlement) {
        this.shards = shards;
        this.clockNanos = clockNanos;
        this.settlement = settlement;
    }

    /** Applies every rule due by the clock as it is now, then every sweep due by then. */
    CompletableFuture<Void> run() {
        long now = clockNanos.getAsLong();
        CompletableFuture<?>[] ticks = new CompletableFuture<?>[shards.shardCount()];
        for (int s = 0; s < ticks.length; s++) {
            ticks[s] = tickWhileDue(s, now, 0);
        }
        CompletableFuture<Void> ticked = CompletableFuture.allOf(ticks);
        if (settlement == null) {
            return ticked;
        }
        long interval = settlement.interval();
        return ticked.thenCompose(v -> sweepUpTo(interval, 1));
    }

    private CompletableFuture<Void> tickWhileDue(int shard, long now, int sent) {
        long due = shards.readStale(shard, ShardLedger::nextDueAt);
        if (due > now) {
            return CompletableFuture.completedFuture(null);
        }
        if (sent >= maxTicksPerShard) {
            return CompletableFuture.failedFuture(new IllegalStateException("shard " + shard
                    + " still has a rule due (at " + due + " ns, clock " + now + " ns) after " + sent
                    + " ticks (maxTicksPerShard)"));
        }
        return shards.submit(shard, new Command[] {Tick.instance})
                .thenCompose(results -> tickWhileDue(shard, now, sent + 1));
    }

    /** Sweeps until every shard this node leads is swept in {@code interval} or later. */
    private CompletableFuture<Void> sweepUpTo(long interval, int round) {
        return settlement.sweepDue().handle((sweeps, failure) -> {
            if (failure == null && sweptBy(sweeps, interval)) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (round >= maxSweepRounds) {
                return CompletableFuture.<Void>failedFuture(failure != null ? failure
                        : new IllegalStateException("settlement sweeps did not reach interval " + interval
                                + " in " + round + " rounds (maxSweepRounds)"));
            }
            return sweepUpTo(interval, round + 1);
        }).thenCompose(f -> f);
    }

    /**
     * True when the sweeps started or joined are all of {@code interval} or later. An empty list
     * means every led shard was swept in the current interval already.
     */
    private static boolean sweptBy(List<Sweep> sweeps, long interval) {
        for (Sweep s : sweeps) {
            if (s.interval() < interval) {
                return false;
            }
        }
        return true;
    }
}
