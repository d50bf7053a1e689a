package io.atta.engine.credit;

import io.atta.core.DerivedIds;
import io.atta.core.Funding;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.core.credit.AdjustCreditLender;
import io.atta.core.credit.CreditFamily;
import io.atta.core.credit.CreditTerms;
import io.atta.core.credit.InstallStatement;
import io.atta.core.credit.OpenCreditLine;
import io.atta.core.credit.RepayCredit;
import io.atta.core.credit.SetAutoRepay;
import io.atta.core.credit.SetKyc;
import io.atta.core.credit.UseScoreModel;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.TradeModule;
import io.atta.engine.wealth.WealthModule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Credit (docs/CREDIT.md): the Sesame-style score of this shard's users, their credit-pay lines
 * and statements, and the funding source {@code credit_pay} that lends into a buyer's wallet
 * inside the payment. Uses the trade module (the merchant a purchase paid) and the fund (units
 * held, repayment by fast redemption) when the shard has them. Its public methods other than the
 * module's are its read facade (under the shard's read lock).
 */
public final class CreditModule implements ShardModule {
    private final CreditBook book = new CreditBook();
    private final LedgerModule ledger;
    private final CreditScores scores;
    private final CreditDays days;
    private final CreditCommands rules;

    public CreditModule(ShardServices shard) {
        this(shard, List.of(new ScorecardV1()));
    }

    /** With the scorecards this build knows (a test adds a version). */
    public CreditModule(ShardServices shard, List<Scorecard> models) {
        this.ledger = shard.module(LedgerModule.class);
        this.scores = new CreditScores(book, ledger, optional(shard, WealthModule.class), models);
        this.days = new CreditDays(book, ledger, scores);
        this.rules = new CreditCommands(book, ledger.postings(), scores);
        ledger.addFundingSource(Funding.credit_pay, new CreditPay(book, ledger.postings(), days, shard.undo(),
                optional(shard, TradeModule.class)));
    }

    private static <M extends ShardModule> M optional(ShardServices shard, Class<M> type) {
        for (ShardModule m : shard.modules()) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "credit";
    }

    @Override
    public CommandFamily family() {
        return new CreditFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        days.rollTo(ts);
        if (c instanceof RepayCredit r) {
            out[at] = rules.repay(r, ts);
        } else if (c instanceof OpenCreditLine o) {
            out[at] = rules.open(o, ts);
        } else if (c instanceof InstallStatement i) {
            out[at] = rules.install(i, ts);
        } else if (c instanceof SetAutoRepay a) {
            out[at] = rules.setAutoRepay(a);
        } else if (c instanceof SetKyc k) {
            out[at] = rules.setKyc(k, ts);
        } else if (c instanceof AdjustCreditLender a) {
            out[at] = rules.adjustLender(a, ts);
        } else if (c instanceof UseScoreModel u) {
            out[at] = rules.useModel(u);
        } else {
            throw new IllegalArgumentException("not a credit command: " + c);
        }
        assert linesAddUp();
    }

    /** The transfers a command writes under a derived id, so a durable store loads them once per batch. */
    @Override
    public void prefetch(Command c) {
        int home = ledger.postings().homeSlot();
        if (c instanceof RepayCredit r) {
            ledger.postings().prefetchTransfer(DerivedIds.platformId(home, "credit-repay:" + r.userId() + ":"
                    + r.requestId()));
        } else if (c instanceof AdjustCreditLender a) {
            ledger.postings().prefetchTransfer(DerivedIds.platformId(home, "credit-lender-adjust:" + a.requestId()));
        }
    }

    @Override
    public void tick(long ts) {
        days.rollTo(ts);
        assert linesAddUp();
    }

    @Override
    public long nextDueAt() {
        return days.nextDueAt();
    }

    /** The invariant (where assertions are on): each line's {@code used} is the sum of what it is owed. */
    private boolean linesAddUp() {
        for (CreditLine l : book.lines.values()) {
            if (l.used != l.usedFromParts() || l.used < 0) {
                throw new AssertionError("invariant broken: line " + l.userId + " used " + l.used + ", parts "
                        + l.usedFromParts());
            }
        }
        return true;
    }

    // ---- Read facade ----

    /**
     * The user's score at {@code ts} under the scorecard in use, computed from this shard's state
     * (the same state and time give the same score), or 0 when this shard has no such user. For
     * other modules (lending prices its loans with it) and the API.
     */
    public int scoreOf(long userId, long ts) {
        Score s = scores.compute(userId, ts);
        return s == null ? 0 : s.score();
    }

    /** The score last recorded for the user, or one computed at {@code ts} when none was; null when there is no such user. */
    public Score score(long userId, long ts) {
        Profile p = book.profiles.get(userId);
        return p != null && p.score != null ? p.score : scores.compute(userId, ts);
    }

    /** The user's KYC level (0 when never set). */
    public int kycLevel(long userId) {
        Profile p = book.profiles.get(userId);
        return p == null ? 0 : p.kyc;
    }

    /** The scorecard version in use on this shard. */
    public int modelVersion() {
        return book.modelVersion;
    }

    /** The user's line, or null. */
    public CreditLineView line(long userId) {
        CreditLine l = book.lines.get(userId);
        if (l == null) {
            return null;
        }
        long unbilled = 0;
        for (Purchase p : l.unbilled) {
            unbilled += p.unbilledOwed();
        }
        return new CreditLineView(l.userId, l.ledger, l.limit, l.used, l.available(), l.statementDay,
                l.dueDayOfMonth(), l.status(), l.autoRepay, l.openedAt, l.repayable(), unbilled);
    }

    /** The line's statements, oldest first (empty without a line). */
    public List<StatementView> statements(long userId) {
        List<StatementView> all = new ArrayList<>();
        CreditLine l = book.lines.get(userId);
        if (l != null) {
            for (Statement s : l.statements.values()) {
                all.add(view(l, s));
            }
        }
        return all;
    }

    /** One statement, or null. */
    public StatementView statement(long userId, int period) {
        CreditLine l = book.lines.get(userId);
        Statement s = l == null ? null : l.statements.get(period);
        return s == null ? null : view(l, s);
    }

    private StatementView view(CreditLine l, Statement s) {
        List<StatementView.Row> rows = new ArrayList<>();
        for (Statement.Row r : s.rows) {
            rows.add(new StatementView.Row(r.kind() == Statement.Row.purchase ? "purchase" : "installment",
                    r.reference(), r.amount(), r.fee(), r.part(), r.of()));
        }
        List<StatementView.Part> schedule = new ArrayList<>();
        for (int k = 1; k <= s.installedMonths; k++) {
            int m = s.period / 100 * 12 + s.period % 100 - 1 + k - 1;
            schedule.add(new StatementView.Part(k, m / 12 * 100 + m % 12 + 1,
                    CreditTerms.installmentPrincipal(s.planPrincipal, s.installedMonths, k),
                    CreditTerms.installmentFeePart(s.planFee, s.installedMonths, k)));
        }
        return new StatementView(s.period, s.day, s.dueDay, s.amount, s.minimum, s.repaid, s.refunded, s.charges,
                s.owed(), statusOf(s), s.installedMonths, rows, schedule);
    }

    private String statusOf(Statement s) {
        if (s.owed() == 0) {
            return "paid";
        }
        if (s.standing == Statement.defaulted) {
            return "defaulted";
        }
        if (book.openDay <= s.dueDay) {
            return "open";
        }
        return s.credited() >= s.minimum ? "minimum_paid" : "overdue";
    }

    /** This shard's credit-pay lender account in the currency of {@code ledger} (it may not exist yet). */
    public long lenderAccount(int ledgerCode) {
        return LenderAccounts.id(ledger.postings().homeSlot(), ledgerCode);
    }

    /** The lender account's balance, 0 when it does not exist. */
    public long lenderBalance(int ledgerCode) {
        AccountState a = ledger.account(lenderAccount(ledgerCode));
        return a == null ? 0 : a.balance();
    }

    // ---- Snapshot ----

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        CreditSnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        CreditSnapshot.read(book, in);
    }

    @Override
    public void clear() {
        book.clear();
    }
}
