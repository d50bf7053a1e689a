package io.atta.engine.credit;

import io.atta.core.DerivedIds;
import io.atta.core.Funding;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditTerms;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.Postings;

import java.util.Iterator;

/**
 * Credit's clock (docs/CREDIT.md, "The monthly cycle"): at each local midnight it closes the day
 * that ended (the day's overdue charges, a due day's standing, defaults) and opens the new one
 * (statements on a line's statement day, automatic repayment on its due day, every score
 * recomputed and every limit resized). A command or a payment first brings the clock to its own
 * time, so a rule never waits for the tick; each day runs exactly once, in the log.
 */
final class CreditDays {
    /** Purchases older than this are forgotten at a statement: a later refund stays in the wallet. */
    static final int purchaseKeepDays = 180;

    private final CreditBook book;
    private final LedgerModule ledger;
    private final Postings postings;
    private final CreditScores scores;

    CreditDays(CreditBook book, LedgerModule ledger, CreditScores scores) {
        this.book = book;
        this.ledger = ledger;
        this.postings = ledger.postings();
        this.scores = scores;
    }

    /** When the next midnight falls (ns), or never while the module holds nothing. */
    long nextDueAt() {
        if (book.openDay == CreditBook.noDay || (book.lines.isEmpty() && book.profiles.isEmpty())) {
            return Long.MAX_VALUE;
        }
        return CreditCalendar.startOf(book.openDay + 1);
    }

    void rollTo(long ts) {
        int today = CreditCalendar.dayAt(ts);
        if (book.openDay == CreditBook.noDay) {
            book.openDay = today;
            return;
        }
        while (book.openDay < today) {
            closeDay(book.openDay);
            book.openDay++;
            openDay(book.openDay, CreditCalendar.startOf(book.openDay));
        }
    }

    private void closeDay(int day) {
        for (CreditLine line : book.lines.values()) {
            boolean changed = false;
            for (Statement s : line.statements.values()) {
                if (s.dueDay <= day && s.billedOwed > 0) {
                    long charge = CreditTerms.overdueCharge(s.billedOwed);
                    s.chargesOwed += charge;
                    s.charges += charge;
                    line.used += charge;
                }
                if (s.dueDay == day && s.standing == Statement.open) {
                    boolean met = s.credited() >= s.minimum;
                    s.standing = met ? Statement.onTime : Statement.late;
                    Profile p = book.profile(line.userId);
                    if (met) {
                        p.onTime++;
                    } else {
                        p.late++;
                    }
                    changed = true;
                }
                if (s.dueDay + CreditTerms.defaultAfterDays == day && s.standing == Statement.late
                        && s.credited() < s.minimum) {
                    s.standing = Statement.defaulted;
                    book.profile(line.userId).defaults++;
                    changed = true;
                }
            }
            assert line.used == line.usedFromParts() : "line " + line.userId + " used " + line.used;
            if (changed) {
                scores.record(line.userId, CreditCalendar.startOf(day + 1));
            }
        }
    }

    private void openDay(int day, long ts) {
        int dayOfMonth = CreditCalendar.dayOfMonth(day);
        for (CreditLine line : book.lines.values()) {
            if (dayOfMonth == line.statementDay) {
                issue(line, day);
            }
            if (dayOfMonth == line.dueDayOfMonth() && line.autoRepay) {
                autoRepay(line, day, ts);
            }
        }
        for (Profile p : book.profiles.values()) {
            Score s = scores.record(p.userId, ts);
            CreditLine line = book.lines.get(p.userId);
            if (line != null && s != null) {
                line.limit = CreditTerms.limitFor(s.score());
            }
        }
    }

    /** The statement of the period that begins today: unbilled purchases and the plans' next parts. */
    void issue(CreditLine line, int day) {
        int period = CreditCalendar.periodOf(day);
        if (line.statements.containsKey(period)) {
            return;
        }
        Statement s = new Statement(period, day, day + CreditTerms.dueAfterDays);
        long amount = 0;
        for (Purchase p : line.unbilled) {
            long owed = p.unbilledOwed();
            p.period = period;
            if (owed > 0) {
                s.rows.add(new Statement.Row(Statement.Row.purchase, p.reference, owed, 0, 0, 0));
                amount += owed;
            }
        }
        line.unbilled.clear();
        for (Iterator<Plan> it = line.plans.iterator(); it.hasNext(); ) {
            Plan plan = it.next();
            int k = ++plan.billed;
            long principal = plan.principalOf(k);
            long fee = plan.feeOf(k);
            s.rows.add(new Statement.Row(Statement.Row.installment, plan.period, principal, fee, k, plan.months));
            amount += principal + fee;
            if (plan.billed == plan.months) {
                it.remove();
            }
        }
        line.purchases.values().removeIf(p -> p.day < day - purchaseKeepDays);
        if (amount == 0) {
            return;
        }
        s.amount = amount;
        s.billedOwed = amount;
        s.minimum = CreditTerms.minimum(amount);
        line.statements.put(period, s);
    }

    /**
     * On the due day, what every statement due by today still owes: from the wallet's available
     * balance, the rest by a fast redemption from the fund when one covers it whole.
     */
    private void autoRepay(CreditLine line, int day, long ts) {
        long due = 0;
        for (Statement s : line.statements.values()) {
            if (s.dueDay <= day) {
                due += s.owed();
            }
        }
        if (due == 0) {
            return;
        }
        AccountState wallet = ledger.account(line.walletId);
        long fromWallet = Math.min(due, Math.max(0, wallet == null ? 0 : wallet.available()));
        long fromFund = due - fromWallet;
        String key = "credit-auto:" + line.userId + ":" + day;
        FundingSource fund = postings.fundingSource(Funding.fund.code());
        if (fund != null && fromFund > 0) {
            fund.catchUp(ts);
        }
        postings.begin();
        if (fund == null || fromFund == 0
                || fund.fund(line.userId, line.walletId, fromFund, line.ledger, DerivedIds.of(key), ts) != Result.ok) {
            fromFund = 0;
        }
        long amount = fromWallet + fromFund;
        Result r = amount == 0 ? Result.ok
                : postings.transfer(new CreateTransfer(DerivedIds.platformId(postings.homeSlot(), key), line.walletId,
                        LenderAccounts.id(postings.homeSlot(), line.ledger), amount, line.ledger,
                        TransferCodes.creditRepayment, 0, 0, 0, 0, 0), ts);
        if (r != Result.ok) {
            postings.rollBack();
            amount = 0;
        }
        postings.end();
        if (amount > 0) {
            line.apply(amount, false);
        }
    }
}
