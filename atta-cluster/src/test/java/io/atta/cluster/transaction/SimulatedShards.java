package io.atta.cluster.transaction;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.LedgerService;
import io.atta.cluster.Routing;
import io.atta.cluster.ServiceException;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Shards in one thread for {@link MultiShardModelTest}: a {@link ShardLedger} per shard over an
 * {@link InMemoryTransferStore}, slots split as {@link Routing} does, and one event queue for
 * everything that happens. A submission waits in its shard's queue (first in, first out, as a
 * Raft log is) until {@link #step} picks that shard; the shard then applies one or more queued
 * submissions as one batch at the simulated time and completes their futures on the spot, so
 * every callback runs on this thread in an order the seed decides. Timers (the retrier's
 * pauses, the periodic recovery, the client's retries) are events too. Nothing here reads a
 * clock or starts a thread.
 *
 * <p>Faults: a reply can be lost after its batch was applied (the future fails with
 * {@code unavailable}); a crashed driver's queued submissions are kept as orphans (they reached
 * the log; their replies go nowhere) or dropped (they did not), its timers vanish; the ledgers
 * can be restarted from snapshots.
 */
final class SimulatedShards {
    /** The owner of the test's own submissions; drivers own theirs by epoch (0, 1, …). */
    static final int client = -1;
    /** How many recent events a failure shows; {@code -Datta.trace} shows more when replaying a seed. */
    private static final int traceLength = Integer.getInteger("atta.trace", 40);

    /** How often a reply is lost, how many queued submissions one batch may take. */
    record Faults(double lostReplyRate, int maxSubmissionsPerBatch) {
    }

    private record Submission(int owner, Command[] commands, CompletableFuture<Result[]> reply) {
        Submission orphaned() {
            return new Submission(owner, commands, null);
        }
    }

    private record Begun(int coordinator, long txId) {
    }

    private record Timer(long dueNs, long seq, int owner, Runnable task) {
    }

    private record Applied(int shard, long timestamp, Command[] commands, Result[] results) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("shard " + shard + " @" + timestamp + ":");
            for (Command c : commands) {
                b.append(' ').append(CommandText.of(c));
            }
            return b.append(" -> ").append(Arrays.toString(results)).toString();
        }
    }

    final Routing routing;
    final ShardLedger[] ledgers;
    private final InMemoryTransferStore[] stores;
    private final List<ArrayDeque<Submission>> queues = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::dueNs).thenComparingLong(Timer::seq));
    private final Random rnd;
    private final Faults faults;
    private final Set<Integer> deadOwners = new HashSet<>();
    /** Transactions begun with every leg prepared; an id may be another transaction's on another coordinator. */
    private final Set<Begun> begun = new HashSet<>();
    private final ArrayDeque<Object> trace = new ArrayDeque<>();
    /** Broken invariants and protocol violations seen; the run fails on the first. */
    final List<String> violations = new ArrayList<>();
    private long now = 1_800_000_000_000_000_000L;
    private long seq;
    int batches;
    int lostReplies;
    int orphans;
    int dropped;
    int ledgerRestarts;

    SimulatedShards(int shards, Random rnd, Faults faults) {
        this.routing = new Routing(shards);
        this.rnd = rnd;
        this.faults = faults;
        this.ledgers = new ShardLedger[shards];
        this.stores = new InMemoryTransferStore[shards];
        for (int s = 0; s < shards; s++) {
            stores[s] = new InMemoryTransferStore();
            ledgers[s] = newLedger(s, stores[s]);
            queues.add(new ArrayDeque<>());
        }
    }

    private ShardLedger newLedger(int shard, InMemoryTransferStore store) {
        return new ShardLedger(shard, routing.homeSlot(shard), slot -> routing.shardOfSlot(slot) == shard, store);
    }

    int shardCount() {
        return ledgers.length;
    }

    /** Simulated time in ns: the batches' timestamps and the drivers' clock. */
    long now() {
        return now;
    }

    /** The shards as one sender sees them: its submissions carry its name. */
    LedgerService endpoint(int owner) {
        return new Endpoint(owner);
    }

    /** The retrier's timer for one driver: its tasks die with it. */
    Retrier.Scheduler scheduler(int owner) {
        return (task, delayMs) -> schedule(owner, delayMs, task);
    }

    void schedule(int owner, long delayMs, Runnable task) {
        timers.add(new Timer(now + delayMs * 1_000_000L, seq++, owner, task));
    }

    /**
     * Runs one event: a batch on a random shard with queued submissions, or a timer that is due.
     * With nothing else to do the clock jumps to the next timer. False when nothing is left.
     */
    boolean step() {
        List<Integer> ready = new ArrayList<>();
        for (int s = 0; s < queues.size(); s++) {
            if (!queues.get(s).isEmpty()) {
                ready.add(s);
            }
        }
        boolean timerDue = !timers.isEmpty() && (timers.peek().dueNs() <= now || ready.isEmpty());
        int choices = ready.size() + (timerDue ? 1 : 0);
        if (choices == 0) {
            return false;
        }
        int pick = rnd.nextInt(choices);
        if (pick < ready.size()) {
            applyBatch(ready.get(pick));
        } else {
            Timer t = timers.poll();
            now = Math.max(now, t.dueNs());
            t.task().run();
        }
        return true;
    }

    /** True when some shard has submissions queued. */
    boolean busy() {
        return queues.stream().anyMatch(q -> !q.isEmpty());
    }

    /** Moves the clock on, as a quiet spell would. */
    void advance(long ms) {
        now += ms * 1_000_000L;
    }

    private void applyBatch(int shard) {
        ArrayDeque<Submission> q = queues.get(shard);
        int n = 1 + rnd.nextInt(Math.min(q.size(), faults.maxSubmissionsPerBatch()));
        List<Submission> batch = new ArrayList<>(n);
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Submission s = q.poll();
            batch.add(s);
            commands.addAll(Arrays.asList(s.commands()));
        }
        now += 100_000 + rnd.nextInt(2_900_000);
        Command[] all = commands.toArray(Command[]::new);
        Result[] results = ledgers[shard].apply(now, all);
        batches++;
        remember(new Applied(shard, now, all, results));
        noteBegins(shard, all, results);
        checkBalanced(shard);
        int at = 0;
        for (Submission s : batch) {
            int count = 0;
            for (Command c : s.commands()) {
                count += c.resultCount();
            }
            Result[] mine = Arrays.copyOfRange(results, at, at + count);
            at += count;
            if (s.reply() == null || deadOwners.contains(s.owner())) {
                continue;
            }
            if (rnd.nextDouble() < faults.lostReplyRate()) {
                lostReplies++;
                s.reply().completeExceptionally(new ServiceException(ServiceException.Reason.unavailable,
                        "the reply was lost (simulated)"));
            } else {
                s.reply().complete(mine);
            }
        }
    }

    private void noteBegins(int shard, Command[] commands, Result[] results) {
        int at = 0;
        for (Command c : commands) {
            if (c instanceof BeginTransaction b
                    && Arrays.stream(results, at, at + b.resultCount()).allMatch(r -> r == Result.ok)) {
                begun.add(new Begun(shard, b.txId()));
            }
            at += c.resultCount();
        }
    }

    /**
     * True when a begin of this transaction was applied with every leg prepared, or is queued on
     * its coordinator (where it will be applied before anything submitted from now on).
     */
    boolean begunOrQueued(int coordinator, long txId) {
        if (begun.contains(new Begun(coordinator, txId))) {
            return true;
        }
        for (Submission s : queues.get(coordinator)) {
            for (Command c : s.commands()) {
                if (c instanceof BeginTransaction b && b.txId() == txId) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkBalanced(int shard) {
        ledgers[shard].totalsByLedger().forEach((ledger, t) -> {
            if (t[0] != t[1] || t[2] != t[3]) {
                violations.add("shard " + shard + " ledger " + ledger + " does not balance after a batch: debits "
                        + t[0] + "/" + t[2] + " (posted/pending) vs credits " + t[1] + "/" + t[3]);
            }
        });
    }

    /** The driver of {@code owner} stopped at a crash point: nothing it sent may be answered from now on. */
    void markDead(int owner) {
        deadOwners.add(owner);
        remember("driver " + owner + " crashed");
    }

    /**
     * Ends a crashed driver's part in the simulation: its timers are gone and, per shard, its
     * queued submissions up to a random point had reached the log (they are applied, unanswered)
     * and the rest had not (they vanish).
     */
    void bury(int owner) {
        timers.removeIf(t -> t.owner() == owner);
        for (ArrayDeque<Submission> q : queues) {
            long mine = q.stream().filter(s -> s.owner() == owner).count();
            long keep = mine == 0 ? 0 : rnd.nextInt((int) mine + 1);
            ArrayDeque<Submission> rest = new ArrayDeque<>();
            int seen = 0;
            for (Submission s : q) {
                if (s.owner() != owner) {
                    rest.add(s);
                } else if (seen++ < keep) {
                    rest.add(s.orphaned());
                    orphans++;
                } else {
                    dropped++;
                }
            }
            q.clear();
            q.addAll(rest);
        }
    }

    /**
     * Restarts every ledger from a snapshot of its current state over a copy of its store, as a
     * node does after a crash; the restored ledger must hash as the old one did.
     */
    void restartLedgers() {
        ledgerRestarts++;
        remember("ledgers restarted from snapshots");
        for (int s = 0; s < ledgers.length; s++) {
            long hash = ledgers[s].stateHash();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                LedgerSnapshot.write(ledgers[s], new DataOutputStream(bytes));
                stores[s] = stores[s].copy();
                ledgers[s] = newLedger(s, stores[s]);
                LedgerSnapshot.read(ledgers[s], new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (ledgers[s].stateHash() != hash) {
                violations.add("shard " + s + " hashes differently after a snapshot round trip");
            }
        }
    }

    private void remember(Object event) {
        if (trace.size() == traceLength) {
            trace.removeFirst();
        }
        trace.addLast(event);
    }

    /** The last events, oldest first, for a failure message. */
    String recentEvents() {
        StringBuilder b = new StringBuilder("last " + trace.size() + " events:");
        for (Object e : trace) {
            b.append("\n  ").append(e);
        }
        return b.toString();
    }

    private final class Endpoint implements LedgerService {
        private final int owner;

        Endpoint(int owner) {
            this.owner = owner;
        }

        @Override
        public int shardCount() {
            return ledgers.length;
        }

        @Override
        public Routing routing() {
            return routing;
        }

        @Override
        public int shardOf(long userOrAccountId) {
            return routing.shardOf(userOrAccountId);
        }

        @Override
        public int homeSlotOf(int shard) {
            return routing.homeSlot(shard);
        }

        @Override
        public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
            if (deadOwners.contains(owner)) {
                violations.add("driver " + owner + " sent " + Arrays.toString(commands) + " after it crashed");
            }
            CompletableFuture<Result[]> reply = new CompletableFuture<>();
            queues.get(shard).add(new Submission(owner, commands.clone(), reply));
            return reply;
        }

        @Override
        public <T> CompletableFuture<T> read(int shard, Function<ShardLedger, T> reader) {
            return CompletableFuture.completedFuture(reader.apply(ledgers[shard]));
        }

        @Override
        public <T> T readStale(int shard, Function<ShardLedger, T> reader) {
            return reader.apply(ledgers[shard]);
        }

        @Override
        public CompletableFuture<Void> awaitConsistent(int shard) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Result[]> transact(CreateTransfer[] legs) {
            throw new UnsupportedOperationException("the model test calls its TransactionCoordinator directly");
        }

        @Override
        public HistoryReader history(int shard) {
            throw new UnsupportedOperationException("no history in the model test");
        }
    }
}
