package io.atta.engine.risk;

import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.core.risk.DecideReview;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskFamily;
import io.atta.core.risk.SetKycLevel;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.RecordArchive;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.shard.UndoLog;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Real-time risk control in the shard (docs/RISK.md): the versioned rule sets (enforced and
 * shadow), the features of this shard's users, the open reviews, and the screen the ledger asks
 * before every user-initiated transfer ({@link RiskScreen}). Decisions are kept in the shard's
 * history, by transfer id and by user. Its commands are {@link RiskCommands}; its section
 * {@link RiskSnapshot}.
 */
public final class RiskModule implements ShardModule {
    static final long dayNs = 24 * 3600 * 1_000_000_000L;
    static final byte decisionKind = 'D';
    static final byte decisionsOfUser = 'U';

    final LedgerModule ledger;
    final UndoLog undo;
    private final RecordArchive records;
    final RiskScreen screen;
    final RiskCommands commands;

    PutRiskRules lastPut;
    RuleSet enforced;
    RuleSet shadow;
    /** The windows every user's features count over (the enforced set's, or the first set's), and their bucket widths. */
    long[] windowsSeconds = new long[0];
    long[] bucketNs = new long[0];
    final Long2ObjectHashMap<UserFeatures> features = new Long2ObjectHashMap<>(1024, 0.65f, false);
    /** Open reviews by review id (the held transfer's id). */
    final TreeMap<Long, DecisionRecord> reviews = new TreeMap<>();
    /**
     * Since the shadow set was put: per (enforced decision × 3 + shadow decision), movements and
     * their amounts in the shadow set's currency.
     */
    final long[] shadowCounts = new long[9];
    final long[] shadowAmounts = new long[9];
    private UserFeatures blank = new UserFeatures(0, 0);

    public RiskModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class);
        this.undo = shard.undo();
        this.records = ledger.archive();
        this.screen = new RiskScreen(this);
        this.commands = new RiskCommands(this, ledger.postings());
        ledger.addTransferScreen(screen);
        ledger.addExpiryHook(screen);
    }

    /** True when there is something to decide: an enforced set with rules, or a shadow set. */
    boolean active() {
        return shadow != null || enforced != null && !enforced.source.rules().isEmpty();
    }

    /** True when a rule set in force (enforced or shadow) screens operators' transfers too. */
    boolean screensOperatorTransfers() {
        return enforced != null && enforced.source.operatorTransfers() || shadow != null
                && shadow.source.operatorTransfers();
    }

    /** Features of a user not seen yet (read only). */
    UserFeatures blank() {
        return blank;
    }

    /** The user's features, made on first use; inside a group, the change is logged to be undone. */
    UserFeatures featuresOf(long userId) {
        UserFeatures f = features.get(userId);
        if (f == null) {
            f = new UserFeatures(userId, windowsSeconds.length);
            features.put(userId, f);
            if (undo.grouping()) {
                undo.add(() -> features.remove(userId));
            }
        } else if (undo.grouping()) {
            UserFeatures before = f.copy();
            UserFeatures now = f;
            undo.add(() -> now.restore(before));
        }
        return f;
    }

    void openReview(DecisionRecord r) {
        reviews.put(r.transferId(), r);
    }

    /** Counts the decision in the shadow report and keeps it in history. */
    void recorded(DecisionRecord r) {
        if (r.shadowDecision() != null) {
            int cell = r.decision().code() * 3 + r.shadowDecision().code();
            shadowCounts[cell]++;
            if (r.ledger() == shadow.source.ledger()) {
                shadowAmounts[cell] = UserFeatures.saturatedAdd(shadowAmounts[cell], r.amount());
            }
        }
        archive(r);
    }

    void archive(DecisionRecord r) {
        records.put(new RecordArchive.Entry(decisionKind, r.transferId(), r.bytes(), r.ts(),
                new byte[] {decisionsOfUser}, new long[] {r.userId()}));
    }

    /** Takes the windows of a new rule set: every user's counts restart when they change. */
    void useWindows(long[] windows) {
        if (java.util.Arrays.equals(windows, windowsSeconds)) {
            return;
        }
        windowsSeconds = windows.clone();
        bucketNs = RuleSet.bucketWidths(windowsSeconds);
        for (UserFeatures f : features.values()) {
            f.resetWindows(windows.length);
        }
        blank = new UserFeatures(0, windows.length);
    }

    // ---- Read facade (callers hold the shard's read lock) ----

    /**
     * What the enforced rule set would decide of a movement now, without recording anything: for
     * a dry run and for measuring one decision (the JMH benchmark). Holds its own scratch, so one
     * evaluator serves one thread.
     */
    public final class Evaluator {
        private final Movement movement = new Movement();
        private final Outcome outcome = new Outcome();

        /** The decision on {@code t} made for {@code userId} at {@code ts} (allow when no rule set is enforced). */
        public RiskDecision decide(CreateTransfer t, long userId, long ts) {
            if (enforced == null) {
                return RiskDecision.allow;
            }
            screen.fill(movement, t, userId, ts);
            UserFeatures f = features.get(userId);
            enforced.decide(movement, f != null ? f : blank, outcome);
            return outcome.decision;
        }

        /** The reasons of the last decision, comma-separated. */
        public String reasons() {
            return enforced == null || outcome.fired == 0 ? "" : enforced.reasonText(outcome.fired);
        }
    }

    public Evaluator evaluator() {
        return new Evaluator();
    }

    /** The enforced rule set, or null. */
    public PutRiskRules enforcedRules() {
        return enforced == null ? null : enforced.source;
    }

    /** The shadow rule set, or null. */
    public PutRiskRules shadowRules() {
        return shadow == null ? null : shadow.source;
    }

    /** The decision on the transfer with this id, if this shard screened it; else null. */
    public DecisionRecord decision(long transferId) {
        byte[] b = records.find(decisionKind, transferId);
        return b == null ? null : DecisionRecord.of(b);
    }

    /** A user's decisions made before {@code before} (ns), newest first, at most {@code limit}. */
    public List<DecisionRecord> decisions(long userId, long before, int limit) {
        LongArrayList ids = new LongArrayList();
        records.list(decisionsOfUser, userId, before, limit, ids);
        List<DecisionRecord> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.getLong(i);
            DecisionRecord r = seen.add(id) ? decision(id) : null;
            if (r != null && r.userId() == userId && r.ts() < before) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(DecisionRecord::ts).thenComparingLong(DecisionRecord::transferId).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** The open reviews, by id. */
    public List<DecisionRecord> openReviews() {
        return new ArrayList<>(reviews.values());
    }

    /** The user's KYC level as risk control uses it (0 until an operator sets it). */
    public int kycLevel(long userId) {
        UserFeatures f = features.get(userId);
        return f == null ? 0 : f.kycLevel;
    }

    /** Since the shadow set was put: movements per (enforced decision, shadow decision), as [enforced][shadow]. */
    public long[][] shadowCounts() {
        return cells(shadowCounts);
    }

    /** As {@link #shadowCounts()}, their amounts in the shadow set's currency. */
    public long[][] shadowAmounts() {
        return cells(shadowAmounts);
    }

    private static long[][] cells(long[] a) {
        long[][] out = new long[3][3];
        for (int i = 0; i < 9; i++) {
            out[i / 3][i % 3] = a[i];
        }
        return out;
    }

    /** How many users have features on this shard. */
    public int usersWithFeatures() {
        return features.size();
    }

    // ---- ShardModule ----

    @Override
    public String name() {
        return "risk";
    }

    @Override
    public CommandFamily family() {
        return new RiskFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof PutRiskRules p) {
            out[at] = commands.putRules(p);
        } else if (c instanceof SetKycLevel k) {
            out[at] = commands.setKycLevel(k);
        } else if (c instanceof DecideReview d) {
            out[at] = commands.decideReview(d, ts);
        } else {
            throw new IllegalArgumentException("not a risk command: " + c);
        }
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        RiskSnapshot.write(this, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        clear();
        RiskSnapshot.read(this, in);
    }

    @Override
    public void clear() {
        lastPut = null;
        enforced = null;
        shadow = null;
        windowsSeconds = new long[0];
        bucketNs = new long[0];
        blank = new UserFeatures(0, 0);
        features.clear();
        reviews.clear();
        java.util.Arrays.fill(shadowCounts, 0);
        java.util.Arrays.fill(shadowAmounts, 0);
    }
}
