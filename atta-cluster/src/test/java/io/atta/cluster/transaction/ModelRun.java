package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One seeded run of {@link MultiShardModelTest}: a client sends the {@link RandomOperations}
 * over {@link SimulatedShards} — requests on one shard straight to it, the rest through a
 * {@link TransactionCoordinator} — and retries with the same ids whatever got no answer. The
 * driver may crash at a random step; it is then replaced, as a restarted node would do it, by a
 * new driver that recovers every shard (and the ledgers may restart from snapshots). Every
 * answer must be the {@link ReferenceShards}'s; once all is answered and quiet, the balances,
 * the in-transit accounts and the shards' transaction state must be what the model says
 * ({@link SettledState}).
 *
 * <p>Deterministic: one {@link Random} decides everything, in one thread.
 */
final class ModelRun {
    /** What the seed decides about the world and its faults. */
    record Settings(int shards, SimulatedShards.Faults faults, int maxCrashes, double crashRate,
                    boolean restartLedgers, int concurrency, int usersPerShard) {
        static Settings draw(Random rnd) {
            double[] lostReplyRates = {0, 0.02, 0.1, 0.25};
            int[] batchSizes = {1, 3, 8};
            int[] crashes = {0, 1, 2, 4};
            int[] concurrency = {1, 4, 16};
            return new Settings(2 + rnd.nextInt(3),
                    new SimulatedShards.Faults(lostReplyRates[rnd.nextInt(4)], batchSizes[rnd.nextInt(3)]),
                    crashes[rnd.nextInt(4)], rnd.nextBoolean() ? 0.01 : 0.05, rnd.nextBoolean(),
                    concurrency[rnd.nextInt(3)], 3 + rnd.nextInt(3));
        }
    }

    /** A request and where its answer stands. */
    private static final class Pending {
        final Operation op;
        Expectation expected;
        int attempt;
        /** The driver (epoch) the current attempt went through, {@link #none} between attempts. */
        int epoch = none;

        Pending(Operation op) {
            this.op = op;
        }
    }

    private static final int none = -2;
    private static final long recoverIntervalMs = 1_000;
    /** Steps without a single answer after which the run counts as stuck. */
    private static final int stuckAfterSteps = 500_000;

    final long seed;
    final Settings settings;
    private final Random rnd;
    final SimulatedShards sim;
    private final ReferenceShards model;
    private final RandomOperations operations;
    private TransactionCoordinator coordinator;
    private int epoch = -1;
    private int crashPending = none;
    private final Map<Integer, Pending> outstanding = new LinkedHashMap<>();
    private final List<Operation> answered = new ArrayList<>();
    private final Set<Long> busyAccounts = new HashSet<>();
    private final Set<Long> busyIds = new HashSet<>();
    /**
     * Answered transactions whose pieces may still be resolving on other shards: the caller is
     * answered once the decision is durable, so their accounts and ids stay busy until the shards
     * hold nothing of them (a payee spending a credit still pending would be refused).
     */
    private final List<Operation> resolving = new ArrayList<>();
    private boolean finished;
    private int stepsSinceAnswer;
    // What the run reached, for the test's report.
    final Map<Result, Integer> results = new TreeMap<>(Comparator.comparing(Result::code));
    final Map<String, Integer> kinds = new TreeMap<>();
    int crashes;
    final Map<CrashPoints.Step, Integer> crashSteps = new EnumMap<>(CrashPoints.Step.class);
    int retries;
    int leftForFinalRecovery;
    /** Runs once all is answered, before the final recovery: lets a test change a ledger behind the model's back. */
    Consumer<SimulatedShards> sabotage = sim -> { };

    ModelRun(long seed, boolean reuseLegs) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.settings = Settings.draw(rnd);
        this.sim = new SimulatedShards(settings.shards(), rnd, settings.faults());
        this.model = new ReferenceShards(sim.routing);
        this.operations = new RandomOperations(rnd, model, sim.routing, reuseLegs);
    }

    ReferenceShards model() {
        return model;
    }

    /** Runs the seed; an {@link AssertionError} names the seed, the request or invariant, and the last events. */
    void run(int operationCount) {
        try {
            startDriver();
            for (Operation op : operations.setup(settings.usersPerShard())) {
                send(op);
            }
            int sent = 0;
            while (true) {
                releaseResolved();
                boolean mayIssue = sent < operationCount && outstanding.size() < settings.concurrency();
                finished = sent == operationCount && outstanding.isEmpty();
                if (mayIssue && (rnd.nextInt(3) == 0 || !sim.busy())) {
                    Operation op = operations.next(this::free, answered, inFlightTransactions());
                    if (op != null) {
                        send(op);
                        sent++;
                        continue;
                    }
                }
                if (!sim.step()) {
                    if (finished) {
                        break;
                    }
                    throw new AssertionError("nothing is left to run, yet no answer for:" + waiting());
                }
                afterEvent();
            }
            sabotage.accept(sim);
            quiesce();
            SettledState.check(sim, model);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("model test failed with seed " + seed + " " + settings
                    + "; replay with -Datta.seed=" + seed + "\n" + e.getMessage() + "\n" + sim.recentEvents(), e);
        }
    }

    private boolean free(Operation op) {
        return op.accounts().stream().noneMatch(busyAccounts::contains)
                && op.ids().stream().noneMatch(busyIds::contains);
    }

    /** Unanswered transactions whose begin the coordinator holds: a repeat of one waits for its end. */
    private List<Operation> inFlightTransactions() {
        List<Operation> out = new ArrayList<>();
        for (Pending p : outstanding.values()) {
            Operation op = p.op;
            if (!op.direct() && !op.inFlightRepeat()) {
                long txId = op.legs()[0].id();
                ShardLedger l = sim.ledgers[sim.routing.shardOf(op.legs()[0].debitAccountId())];
                if (l.activeTransactions().stream().anyMatch(t -> t.txId() == txId)) {
                    out.add(op);
                }
            }
        }
        return out;
    }

    private void send(Operation op) {
        Pending p = new Pending(op);
        outstanding.put(op.number(), p);
        kinds.merge(op.kind(), 1, Integer::sum);
        if (!op.inFlightRepeat()) {
            busyAccounts.addAll(op.accounts());
            busyIds.addAll(op.ids());
        }
        p.expected = op.direct() ? Expectation.of(model.submit(op.shard(), op.commands()))
                : model.transact(op.legs());
        attempt(p);
    }

    private void attempt(Pending p) {
        int attempt = p.attempt;
        var answer = p.op.direct() ? sim.endpoint(SimulatedShards.client).submit(p.op.shard(), p.op.commands())
                : coordinator.execute(p.op.legs());
        p.epoch = p.op.direct() ? SimulatedShards.client : epoch;
        answer.whenComplete((rs, e) -> answered(p, attempt, rs, e));
    }

    /** A retry after no answer: what the model says now (a repeat), except that a begin never applied starts afresh. */
    private void retry(Pending p) {
        retries++;
        Operation op = p.op;
        if (op.direct()) {
            p.expected = Expectation.of(model.submit(op.shard(), op.commands()));
        } else {
            p.expected = model.transact(op.legs());
            if (!sim.begunOrQueued(sim.routing.shardOf(op.legs()[0].debitAccountId()), op.legs()[0].id())) {
                p.expected = p.expected.asFirst();
            }
        }
        attempt(p);
    }

    /**
     * The client's side of an answer. It runs inside a future's callback, where a thrown error
     * would vanish, so a wrong answer is recorded as a violation for {@link #afterEvent} to raise.
     */
    private void answered(Pending p, int attempt, Result[] rs, Throwable e) {
        if (attempt != p.attempt || outstanding.get(p.op.number()) != p) {
            return;
        }
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TransactionCoordinator.Halted) {
                return; // the crash is handled after this event: every request of that driver is retried
            }
            if (!TransactionCoordinator.retryable(cause)) {
                sim.violations.add("request " + p.op + " failed: " + cause);
                return;
            }
            scheduleRetry(p);
            return;
        }
        stepsSinceAnswer = 0;
        if (!p.expected.accepts(rs)) {
            sim.violations.add("request " + p.op + " (attempt " + (p.attempt + 1) + ") answered "
                    + Arrays.toString(rs) + ", the model says " + p.expected);
            return;
        }
        p.expected.settle(rs);
        for (Result r : rs) {
            results.merge(r, 1, Integer::sum);
        }
        outstanding.remove(p.op.number());
        answered.add(p.op);
        if (!p.op.inFlightRepeat()) {
            if (p.op.direct()) {
                release(p.op);
            } else {
                resolving.add(p.op);
            }
        }
    }

    private void release(Operation op) {
        busyAccounts.removeAll(op.accounts());
        busyIds.removeAll(op.ids());
    }

    /** Frees what answered transactions held once no shard holds anything of them. */
    private void releaseResolved() {
        if (!resolving.isEmpty()) {
            resolving.removeIf(op -> {
                if (!ended(op)) {
                    return false;
                }
                release(op);
                return true;
            });
        }
    }

    private boolean ended(Operation op) {
        long txId = op.legs()[0].id();
        int coordinator = sim.routing.shardOf(op.legs()[0].debitAccountId());
        if (sim.ledgers[coordinator].activeTransactions().stream().anyMatch(t -> t.txId() == txId)) {
            return false;
        }
        for (ShardLedger l : sim.ledgers) {
            if (l.preparedTransactions().stream().anyMatch(t -> t.txId() == txId && t.coordinator() == coordinator)) {
                return false;
            }
        }
        return true;
    }

    private void scheduleRetry(Pending p) {
        p.attempt++;
        p.epoch = none;
        sim.schedule(SimulatedShards.client, 1 + rnd.nextInt(20), () -> retry(p));
    }

    private void afterEvent() {
        if (!sim.violations.isEmpty()) {
            throw new AssertionError(String.join("\n", sim.violations));
        }
        if (++stepsSinceAnswer > stuckAfterSteps) {
            throw new AssertionError("no answer for " + stuckAfterSteps + " steps; waiting:" + waiting());
        }
        // A new driver recovers at once, and may crash doing so.
        while (crashPending != none) {
            restartDriver();
        }
    }

    /** The unanswered requests and what the shards hold of their transactions. */
    private String waiting() {
        StringBuilder b = new StringBuilder();
        for (Pending p : outstanding.values()) {
            b.append("\n  ").append(p.op).append(" (attempt ").append(p.attempt + 1).append(", driver ")
                    .append(p.epoch).append(')');
        }
        for (int s = 0; s < sim.shardCount(); s++) {
            b.append("\n  shard ").append(s).append(": coordinates ");
            sim.ledgers[s].activeTransactions()
                    .forEach(t -> b.append(t.txId()).append('/').append(t.state()).append(' '));
            b.append("; prepared ").append(sim.ledgers[s].preparedTransactions());
        }
        return b.toString();
    }

    /** A new driver, as a (re)started node makes one: it recovers every shard now and every second. */
    private void startDriver() {
        int mine = ++epoch;
        LedgerService shards = sim.endpoint(mine);
        CrashPoints crash = (step, k) -> {
            if (crashes < settings.maxCrashes() && rnd.nextDouble() < settings.crashRate()) {
                crashes++;
                crashSteps.merge(step, 1, Integer::sum);
                crashPending = mine;
                sim.markDead(mine);
                return true;
            }
            return false;
        };
        coordinator = new TransactionCoordinator(shards, new Retrier(shards, sim.scheduler(mine)), crash, sim::now);
        recoverAll();
        sim.schedule(mine, recoverIntervalMs, () -> recoverPeriodically(mine));
    }

    private void recoverPeriodically(int driver) {
        if (driver == epoch && !finished) {
            recoverAll();
            sim.schedule(driver, recoverIntervalMs, () -> recoverPeriodically(driver));
        }
    }

    private void recoverAll() {
        for (int s = 0; s < sim.shardCount(); s++) {
            coordinator.recover(s);
        }
    }

    private void restartDriver() {
        int dead = crashPending;
        crashPending = none;
        sim.bury(dead);
        if (settings.restartLedgers()) {
            sim.restartLedgers();
        }
        for (Pending p : outstanding.values()) {
            if (p.epoch == dead) {
                scheduleRetry(p);
            }
        }
        startDriver();
    }

    /**
     * Lets time pass (so that every prepared piece is old enough to ask its coordinator about),
     * recovers every shard and runs until nothing is left, twice.
     */
    private void quiesce() {
        for (ShardLedger l : sim.ledgers) {
            leftForFinalRecovery += l.activeTransactions().size() + l.preparedTransactions().size();
        }
        for (int round = 0; round < 2; round++) {
            sim.advance(10_000);
            recoverAll();
            while (sim.step()) {
                afterEvent();
            }
        }
    }
}
