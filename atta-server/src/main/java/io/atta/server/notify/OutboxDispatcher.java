package io.atta.server.notify;

import io.atta.cluster.LedgerService;
import io.atta.core.command.Command;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.trade.Merchant;
import io.atta.engine.trade.Notification;
import io.atta.server.metrics.WebhookMetrics;
import io.atta.server.outbound.OutboundUrlValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * Delivers the merchant notifications of the shards this node leads. Every
 * {@link #pollIntervalMs} it records the outcomes of the deliveries that ended since the last
 * look (one {@link RecordDelivery} batch per shard), then reads what is due by the node's clock
 * and starts a delivery of each notification not already under way.
 *
 * <p>The outbox is replicated shard state, so nothing here needs to survive a restart: a
 * notification leaves the outbox only once its outcome is applied, and a failed delivery's
 * next time is in the outbox too. The price is that a delivery whose outcome was not recorded
 * yet (a crash, a stop, a new leader) is made again: receivers dedupe by event id.
 *
 * <p>All state is touched on the one dispatcher thread; the ledger's and the HTTP client's
 * completions hop onto it.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    public static final long pollIntervalMs = 200;
    /** Most due notifications read from a shard at one look. */
    public static final int maxDuePerPoll = 256;
    /** Most deliveries under way per shard; the rest wait for a later look. */
    public static final int maxInFlightPerShard = 256;
    /** How long {@link #close} waits for the outcomes of ended deliveries to be recorded. */
    public static final long stopTimeoutMs = 5_000;

    private final LedgerService ledger;
    private final IntPredicate leads;
    private final LongSupplier clockNanos;
    private final Channel.Chooser channels;
    private final DeliveryClient client;
    private final WebhookMetrics metrics;
    private final ScheduledExecutorService thread;
    private final ShardOutbox[] shards;
    /** Merchant records never change once created, so each is read once. */
    private final Map<Long, Merchant> merchants = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> looking;
    /** Set on the dispatcher thread by {@link #close}: no delivery starts after it. */
    private boolean closing;

    /** What this node is doing about one shard's outbox. */
    private static final class ShardOutbox {
        /** A record or read of this shard is under way; the next look waits for it. */
        boolean busy;
        /** Seqs delivered or being delivered whose outcome is not applied yet. */
        final Set<Long> inFlight = new HashSet<>();
        /** Outcomes of ended deliveries, to record at the next look. */
        List<RecordDelivery> outcomes = new ArrayList<>();
    }

    /**
     * @param ledger     the shards whose outboxes to deliver
     * @param leads      whether this node leads a shard now: only the leader delivers
     * @param clockNanos the node's clock, which batches are stamped with: what is due, and when
     *                   to try again, are read from it
     * @param schedule   the waits between deliveries of one notification
     * @param format     what a delivery sends and what counts as received
     */
    public OutboxDispatcher(LedgerService ledger, IntPredicate leads, LongSupplier clockNanos, RetrySchedule schedule,
                            NotificationFormat format, WebhookMetrics metrics, OutboundUrlValidator urls) {
        this(ledger, leads, clockNanos, constant(new Channel("webhook", format, schedule)), metrics, urls);
    }

    /**
     * @param channels how each notification travels: its format and its retry schedule
     * @param urls     which addresses a delivery may reach, checked before each one
     */
    public OutboxDispatcher(LedgerService ledger, IntPredicate leads, LongSupplier clockNanos,
                            Channel.Chooser channels, WebhookMetrics metrics, OutboundUrlValidator urls) {
        this.client = new DeliveryClient(urls);
        this.ledger = ledger;
        this.leads = leads;
        this.clockNanos = clockNanos;
        this.channels = channels;
        this.metrics = metrics;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atta-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.shards = new ShardOutbox[ledger.shardCount()];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new ShardOutbox();
        }
    }

    private static Channel.Chooser constant(Channel c) {
        return d -> c;
    }

    /** A notification due, from the trades' outbox (a webhook) or the gateway's (with its notice). */
    private record Due(Notification notification, GatewayNotice gateway) {
    }

    public void start() {
        looking = thread.scheduleWithFixedDelay(this::look, pollIntervalMs, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    private void look() {
        for (int s = 0; s < shards.length; s++) {
            try {
                look(s);
            } catch (RuntimeException e) {
                shards[s].busy = false;
                log.warn("looking at shard {}'s outbox failed", s, e);
            }
        }
    }

    /**
     * Records what ended, then reads what is due. One ledger call per shard at a time, in that
     * order, so a read never answers from before an outcome this node already recorded (which
     * would deliver that notification again).
     */
    private void look(int s) {
        ShardOutbox o = shards[s];
        boolean leader = leads.test(s);
        if (o.busy || !leader && o.outcomes.isEmpty()) {
            return;
        }
        o.busy = true;
        record(s).thenCompose(recorded -> recorded && leader ? readDue(s) : CompletableFuture.completedFuture(
                        List.<Due>of()))
                .whenCompleteAsync((due, e) -> {
                    o.busy = false;
                    if (e != null) {
                        log.debug("reading shard {}'s outbox failed; next look in {} ms", s, pollIntervalMs, e);
                        return;
                    }
                    for (Due n : due) {
                        if (closing || o.inFlight.size() >= maxInFlightPerShard) {
                            break;
                        }
                        if (o.inFlight.add(n.notification().seq())) {
                            deliver(s, n);
                        }
                    }
                }, thread);
    }

    /** Submits the shard's ended deliveries' outcomes; completes true once applied (or none). */
    private CompletableFuture<Boolean> record(int s) {
        ShardOutbox o = shards[s];
        if (o.outcomes.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        List<RecordDelivery> batch = o.outcomes;
        o.outcomes = new ArrayList<>();
        CompletableFuture<Result[]> submitted;
        try {
            submitted = ledger.submit(s, batch.toArray(new Command[0]));
        } catch (RuntimeException e) {
            submitted = CompletableFuture.failedFuture(e);
        }
        return submitted.handleAsync((results, e) -> {
            if (e != null) {
                // Kept, and still in flight: recorded at a later look.
                batch.addAll(o.outcomes);
                o.outcomes = batch;
                log.debug("recording {} outcomes on shard {} failed; trying again", batch.size(), s, e);
                return false;
            }
            for (int i = 0; i < batch.size(); i++) {
                // not found: another leader recorded it first; its delivery and ours were duplicates.
                if (results[i] != Result.ok && results[i] != Result.notification_not_found) {
                    log.warn("recording {} of notification {} on shard {} answered {}", batch.get(i).outcome(),
                            batch.get(i).seq(), s, results[i].apiName());
                }
                o.inFlight.remove(batch.get(i).seq());
            }
            return true;
        }, thread);
    }

    private CompletableFuture<List<Due>> readDue(int s) {
        long now = clockNanos.getAsLong();
        try {
            return ledger.read(s, l -> due(l, now));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * What both outboxes of a shard have due by {@code now}, the longest due first, at most
     * {@link #maxDuePerPoll}: their numbers are one sequence, so a seq names one notification.
     */
    private static List<Due> due(ShardLedger l, long now) {
        List<Due> out = new ArrayList<>();
        l.trades().notificationsDue(now, maxDuePerPoll).forEach(n -> out.add(new Due(n, null)));
        l.gateway().notificationsDue(now, maxDuePerPoll).forEach(g -> out.add(new Due(g.notification(), g.notice())));
        out.sort(Comparator.comparingLong((Due d) -> d.notification().nextAttemptAt())
                .thenComparingLong(d -> d.notification().seq()));
        return out.size() > maxDuePerPoll ? out.subList(0, maxDuePerPoll) : out;
    }

    private void deliver(int s, Due due) {
        Notification n = due.notification();
        merchant(n.merchantId()).whenCompleteAsync((m, e) -> {
            if (closing) {
                return;
            }
            if (e != null) {
                // The ledger, not the receiver, failed: no delivery was made, so none is counted.
                shards[s].inFlight.remove(n.seq());
                log.debug("reading merchant {} failed; notification {} waits for a later look", n.merchantId(),
                        n.seq(), e);
            } else if (m == null) {
                ended(new Delivery(s, n, due.gateway(), null), false,
                        "merchant " + n.merchantId() + " does not exist");
            } else {
                send(new Delivery(s, n, due.gateway(), m));
            }
        }, thread);
    }

    private CompletableFuture<Merchant> merchant(long merchantId) {
        Merchant cached = merchants.get(merchantId);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        try {
            return ledger.read(ledger.shardOf(merchantId), l -> l.trades().merchant(merchantId)).thenApply(m -> {
                if (m != null) {
                    merchants.put(merchantId, m);
                }
                return m;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void send(Delivery d) {
        client.send(d, channels.of(d).format())
                .thenAcceptAsync(a -> ended(d, a.delivered(), a.what()), thread);
    }

    /** Queues the outcome of one delivery for the next look, by the schedule when it failed. */
    private void ended(Delivery d, boolean delivered, String what) {
        Notification n = d.notification();
        List<RecordDelivery> outcomes = shards[d.shard()].outcomes;
        if (delivered) {
            metrics.delivered();
            outcomes.add(new RecordDelivery(n.seq(), RecordDelivery.Outcome.delivered, 0));
            return;
        }
        metrics.failed();
        Channel channel = channels.of(d);
        RetrySchedule schedule = channel.schedule();
        long next = schedule.nextAttemptAt(d.number(), clockNanos.getAsLong());
        if (next < 0) {
            metrics.abandoned();
            log.warn("{} notification {} ({} of trade {}) abandoned after {} deliveries to merchant {}; the last: {}",
                    channel.name(), d.eventId(), n.event().apiName(), n.tradeNo(), d.number(), n.merchantId(), what);
            outcomes.add(new RecordDelivery(n.seq(), RecordDelivery.Outcome.abandoned, 0));
        } else {
            log.debug("{} notification {} delivery {} of {} failed: {}", channel.name(), d.eventId(), d.number(),
                    schedule.maxDeliveries(), what);
            outcomes.add(new RecordDelivery(n.seq(), RecordDelivery.Outcome.retry, next));
        }
    }

    /**
     * Stops looking. Outcomes of deliveries that have ended are recorded first (for at most
     * {@link #stopTimeoutMs}); deliveries still under way are made again by the next leader of
     * their shard, or by this node after a restart.
     */
    @Override
    public void close() {
        ScheduledFuture<?> l = looking;
        if (l != null) {
            l.cancel(false);
        }
        try {
            CompletableFuture.supplyAsync(this::recordAll, thread).thenCompose(f -> f)
                    .get(stopTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedBefore) {
            // Closed twice: the first close did it all.
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("recording the last delivery outcomes failed; those notifications will be delivered again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        client.close();
    }

    private CompletableFuture<Void> recordAll() {
        closing = true;
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        for (int s = 0; s < shards.length; s++) {
            if (!shards[s].outcomes.isEmpty()) {
                all.add(record(s));
            }
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }
}
