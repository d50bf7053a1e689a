package io.atta.engine.lending;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.core.lending.CreateLender;
import io.atta.core.lending.FundLender;
import io.atta.core.lending.LendingFamily;
import io.atta.core.lending.LoanDays;
import io.atta.core.lending.RepayLoan;
import io.atta.core.lending.TakeLoan;
import io.atta.engine.channel.ChannelModule;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumer loans (Jiebei, docs/LOANS.md): lenders and their funding on this shard, loans taken
 * by this shard's users with their exact schedules, repayments, prepayments and the daily
 * overdue penalty. Money moves only through the ledger's postings. Its read facade is
 * {@link LoanReads} ({@link #reads()}), under the shard's read lock.
 */
public final class LendingModule implements ShardModule {
    private final LoanBook book = new LoanBook();
    private final LedgerModule ledger;
    private final LoanCommands rules;
    private final LoanRepayments repayments;
    private final LoanReads reads;

    /** The module of the standard build: scores from the shard's credit module when it has one, else the interim policy. */
    public LendingModule(ShardServices shard) {
        this(shard, scoresOf(shard));
    }

    public LendingModule(ShardServices shard, CreditScores scores) {
        this.ledger = shard.module(LedgerModule.class);
        ChannelModule channels = shard.module(ChannelModule.class);
        this.rules = new LoanCommands(book, ledger, scores, id -> channels.book().channel(id) != null);
        this.repayments = new LoanRepayments(book, ledger.postings());
        this.reads = new LoanReads(book, ledger, scores);
    }

    /**
     * The shard's credit module's scores (built before this one), or the interim policy on a
     * shard built without it (docs/LOANS.md, Rates).
     */
    private static CreditScores scoresOf(ShardServices shard) {
        for (ShardModule m : shard.modules()) {
            if (m instanceof CreditModule credit) {
                return credit::scoreOf;
            }
            if (m instanceof CreditScores s) {
                return s;
            }
        }
        return CreditScores.interim();
    }

    @Override
    public String name() {
        return "lending";
    }

    @Override
    public CommandFamily family() {
        return new LendingFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof RepayLoan r) {
            out[at] = repayments.repay(r, ts);
        } else if (c instanceof TakeLoan t) {
            out[at] = rules.takeLoan(t, ts);
        } else if (c instanceof FundLender f) {
            out[at] = rules.fundLender(f, ts);
        } else if (c instanceof CreateLender l) {
            out[at] = rules.createLender(l, ts);
        } else {
            throw new IllegalArgumentException("not a lending command: " + c);
        }
        assert lendersMatchTheirAccounts();
    }

    /** The transfer a loan or a lender's deposit will write, so a durable store loads its id once per batch. */
    @Override
    public void prefetch(Command c) {
        if (c instanceof TakeLoan t && t.userId() > 0) {
            ledger.postings().prefetchTransfer(LoanCommands.transferId(LoanCommands.loanId(t.userId(), t.requestId()),
                    "disburse"));
        } else if (c instanceof FundLender f) {
            ledger.postings().prefetchTransfer(f.transferId());
        }
    }

    /**
     * Each local midnight accrues the day's penalties on every open loan; a clock jump catches up
     * every day. With no loan open nothing changes (not even the day), so a shard without loans
     * holds no lending state at all.
     */
    @Override
    public void tick(long ts) {
        int today = LoanDays.dayAt(ts);
        if (book.open.isEmpty() || today <= book.day) {
            return;
        }
        for (Loan loan : book.open.values()) {
            loan.accrueTo(today);
        }
        book.day = today;
    }

    /** The next local midnight after the last day a tick ran or a loan was made, while any loan is open. */
    @Override
    public long nextDueAt() {
        return book.open.isEmpty() ? Long.MAX_VALUE : LoanDays.startOf(book.day + 1);
    }

    /**
     * The invariant (where assertions are on): each lender's funding account holds its deposits
     * less its exposure here, its income account the interest and penalties received here, and its
     * exposure is the principal its open loans here still owe. Returns true; a broken one throws.
     */
    private boolean lendersMatchTheirAccounts() {
        Map<Long, Long> outstanding = new HashMap<>();
        for (Loan loan : book.open.values()) {
            outstanding.merge(loan.lenderId, loan.outstanding(), Long::sum);
        }
        for (Lender l : book.lenders.values()) {
            long funding = balance(l.fundingAccount);
            long income = balance(l.incomeAccount);
            long owed = outstanding.getOrDefault(l.lenderId, 0L);
            if (funding != l.deposited - l.exposure || income != l.interestReceived + l.penaltiesReceived
                    || owed != l.exposure || l.disbursed - l.principalRepaid != l.exposure) {
                throw new AssertionError("invariant broken: lender " + l.lenderId + " funding " + funding
                        + " for deposited " + l.deposited + " - exposure " + l.exposure + ", income " + income
                        + ", loans owe " + owed);
            }
        }
        return true;
    }

    private long balance(long accountId) {
        AccountState a = ledger.account(accountId);
        return a == null ? 0 : a.balance();
    }

    /** The read facade. */
    public LoanReads reads() {
        return reads;
    }

    // ---- Snapshot ----

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        LendingSnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        LendingSnapshot.read(book, in, ledger.postings().homeSlot());
    }

    @Override
    public void clear() {
        book.clear();
    }
}
