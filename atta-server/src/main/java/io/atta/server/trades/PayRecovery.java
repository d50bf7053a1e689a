package io.atta.server.trades;

import io.atta.core.command.Result;
import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.TradeView;
import io.atta.server.http.ServerLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * Finishes the pay sagas a crash or a dropped request left half-done (docs/TRADES.md, "Paying"):
 * an order bound to its buyer by a payment — the first step, on the order's shard — whose hold
 * never reached the buyer's shard. Like the recovery of cross-shard transactions it drives the
 * saga forward to its end: the hold is sent again, exactly as the payment would have sent it.
 * Binding happens only as the first step of a buyer's payment, so the hold is what the buyer
 * asked for; the buyer's shard holds a trade at most once, so a payment still under way (or
 * finished but not yet seen) is answered {@code exists} there and moves nothing. A hold refused
 * now (the wallet lacks the money) ends the saga as the same refusal would have live: the order
 * stays bound and payable by its buyer until its deadline, after which its buyer's shard refuses
 * every payment of it.
 *
 * <p>Only the payments of an earlier life of the server are finished: a payment this process
 * serves answers its buyer itself, and one whose hold was refused (the wallet lacked the money)
 * was answered so and must not be paid later behind the buyer's back, like the recovery of
 * transactions, which drives only what began before it. So each pass looks at the orders of the
 * shards this node leads that were bound before this recovery started, and more than
 * {@link #recoverAfterMs} ago, and are still payable; asks their buyers' shards which were paid;
 * and finishes the rest. A bind whose server lives on but stopped (a request served by another
 * node of a cluster that died between the steps) is finished by no one: its order stays payable by
 * its buyer until its deadline, after which it reads {@code TRADE_CLOSED}.
 */
public final class PayRecovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PayRecovery.class);
    /** How long a bind is left to the payment that made it before the recovery finishes it. */
    public static final long recoverAfterMs = 10_000;
    /** The time between passes. */
    public static final long recoverIntervalMs = 5_000;
    /** Most bound orders one pass looks at per shard; the rest wait for the next pass. */
    public static final int maxBindsPerShardPerPass = 1_024;

    private final ServerLedger ledger;
    private final TradeFlow flow;
    /** When this recovery started, by the ledger's clock: binds made before are no live payment's. */
    private final long startedAt;
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService thread;

    /** What a pass did: bound orders looked at, and of those it paid, the results of its holds. */
    public record Pass(int looked, int unpaid, int paid) {
        static final Pass none = new Pass(0, 0, 0);

        Pass plus(Pass o) {
            return new Pass(looked + o.looked, unpaid + o.unpaid, paid + o.paid);
        }
    }

    PayRecovery(ServerLedger ledger, TradeFlow flow) {
        this.ledger = ledger;
        this.flow = flow;
        this.startedAt = ledger.now();
    }

    /** Runs a pass every {@link #recoverIntervalMs} over the shards {@code leads} names, until {@link #close}. */
    public synchronized void start(IntPredicate leads) {
        if (thread != null) {
            throw new IllegalStateException("the pay recovery is running already");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atta-pay-recovery");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> passIfIdle(leads), recoverIntervalMs, recoverIntervalMs,
                TimeUnit.MILLISECONDS);
    }

    private void passIfIdle(IntPredicate leads) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        recover(leads).whenComplete((pass, e) -> {
            running.set(false);
            if (e != null) {
                log.warn("a pass of the pay recovery failed; the next pass tries again", e);
            } else if (pass.unpaid() > 0) {
                log.info("pay recovery: {} payments stopped after binding their buyer, {} of them paid now",
                        pass.unpaid(), pass.paid());
            }
        });
    }

    /** One pass over the shards {@code leads} names; completes when each finished payment has its result. */
    public CompletableFuture<Pass> recover(IntPredicate leads) {
        List<CompletableFuture<Pass>> passes = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            if (leads.test(s)) {
                passes.add(recover(s));
            }
        }
        return CompletableFuture.allOf(passes.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Pass total = Pass.none;
            for (CompletableFuture<Pass> p : passes) {
                total = total.plus(p.join());
            }
            return total;
        });
    }

    /** One pass over the orders of {@code shard}. */
    CompletableFuture<Pass> recover(int shard) {
        long now = ledger.now();
        long boundBefore = Math.min(startedAt, now - recoverAfterMs * 1_000_000L);
        return ledger.readShard(shard, l -> l.trades().bindsOpenAt(now, boundBefore, maxBindsPerShardPerPass))
                .thenCompose(bound -> bound.isEmpty() ? CompletableFuture.completedFuture(Pass.none)
                        : unpaid(bound).thenCompose(unpaid -> finish(bound.size(), unpaid)));
    }

    /** The orders of {@code bound} whose buyers' shards hold no trade of them, one read per buyer's shard. */
    private CompletableFuture<List<OrderTerms>> unpaid(List<OrderView> bound) {
        Map<Integer, List<OrderTerms>> byBuyerShard = new HashMap<>();
        for (OrderView o : bound) {
            byBuyerShard.computeIfAbsent(ledger.shardOf(o.buyerUserId()), s -> new ArrayList<>()).add(OrderTerms.of(o));
        }
        List<CompletableFuture<List<OrderTerms>>> reads = new ArrayList<>();
        byBuyerShard.forEach((shard, orders) -> reads.add(ledger.readShard(shard, l -> {
            List<OrderTerms> out = new ArrayList<>();
            for (OrderTerms o : orders) {
                TradeView t = l.trades().trade(o.tradeNo());
                if (t == null) {
                    out.add(o);
                }
            }
            return out;
        })));
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<OrderTerms> out = new ArrayList<>();
            reads.forEach(r -> out.addAll(r.join()));
            return out;
        });
    }

    private CompletableFuture<Pass> finish(int looked, List<OrderTerms> unpaid) {
        if (unpaid.isEmpty()) {
            return CompletableFuture.completedFuture(new Pass(looked, 0, 0));
        }
        return flow.finishPay(unpaid).thenApply(answers -> {
            int paid = 0;
            for (TradeFlow.Answer a : answers) {
                if (a.result() == Result.ok || a.result() == Result.exists) {
                    paid++;
                }
            }
            return new Pass(looked, unpaid.size(), paid);
        });
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
