package io.atta.engine.wealth;

import io.atta.core.Funding;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.DefineCalendar;
import io.atta.core.wealth.PublishIncome;
import io.atta.core.wealth.Redeem;
import io.atta.core.wealth.Subscribe;
import io.atta.core.wealth.WealthFamily;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The money-market fund (docs/FUND.md): calendars, funds, this shard's holders, their
 * subscriptions, redemptions and daily income ({@link FundCommands}, {@link FundDays}); its
 * pools are ledger accounts moved only through the ledger's postings. Its public methods other
 * than the module's are its read facade (under the shard's read lock).
 */
public final class WealthModule implements ShardModule {
    private final Funds book = new Funds();
    private final LedgerModule ledger;
    private final FundDays days;
    private final FundCommands rules;

    public WealthModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class);
        this.days = new FundDays(ledger.postings());
        this.rules = new FundCommands(book, ledger.postings(), days);
        ledger.addFundingSource(Funding.fund, new FundPayments(book, ledger.postings(), days, shard.undo()));
    }

    @Override
    public String name() {
        return "wealth";
    }

    @Override
    public CommandFamily family() {
        return new WealthFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof Subscribe s) {
            out[at] = rules.subscribe(s, ts);
            assert fundsMatchTheirAccounts();
        } else if (c instanceof Redeem r) {
            out[at] = rules.redeem(r, ts);
            assert fundsMatchTheirAccounts();
        } else if (c instanceof PublishIncome p) {
            out[at] = rules.publish(p, ts);
            assert fundsMatchTheirAccounts();
        } else if (c instanceof CreateFund f) {
            out[at] = rules.createFund(f, ts);
        } else if (c instanceof DefineCalendar d) {
            out[at] = rules.defineCalendar(d);
        } else {
            throw new IllegalArgumentException("not a wealth command: " + c);
        }
    }

    /** The transfer a subscription or redemption will write, so a durable store loads its id once per batch. */
    @Override
    public void prefetch(Command c) {
        if (c instanceof Subscribe s) {
            ledger.postings().prefetchTransfer(FundCommands.subscriptionId(s));
        } else if (c instanceof Redeem r) {
            ledger.postings().prefetchTransfer(FundCommands.redemptionId(r, ledger.postings().homeSlot()));
        }
    }

    @Override
    public void tick(long ts) {
        for (Fund f : book.funds.values()) {
            days.rollTo(f, ts);
        }
        assert fundsMatchTheirAccounts();
    }

    @Override
    public long nextDueAt() {
        long due = Long.MAX_VALUE;
        for (Fund f : book.funds.values()) {
            due = Math.min(due, f.startOf(f.openDay + 1));
        }
        return due;
    }

    /**
     * The invariant (where assertions are on): each fund's holdings account holds exactly its
     * holders' units and pending units here, and its payable account the normal redemptions not
     * yet paid. Returns true; a broken one throws AssertionError.
     */
    private boolean fundsMatchTheirAccounts() {
        for (Fund f : book.funds.values()) {
            long units = 0;
            long pending = 0;
            for (Holder h : f.holders) {
                units += h.units;
                pending += h.pendingUnits;
            }
            long held = balance(f.holdingsAccount);
            if (pending != f.pendingTotal || held != units + pending || balance(f.payableAccount) != f.payableTotal) {
                throw new AssertionError("invariant broken: fund " + f.terms.code() + " holds " + held + " for units "
                        + units + " + pending " + pending + " (" + f.pendingTotal + "), payable "
                        + balance(f.payableAccount) + " for " + f.payableTotal);
            }
        }
        return true;
    }

    private long balance(long accountId) {
        AccountState a = ledger.account(accountId);
        return a == null ? 0 : a.balance();
    }

    // ---- Read facade ----

    /** The fund as this shard sees it, or null. */
    public FundView fund(String code) {
        Fund f = book.funds.get(code);
        if (f == null) {
            return null;
        }
        int lastPublished = f.published.isEmpty() ? f.terms.createdDay() - 1 : f.published.lastKey();
        long sum = 0;
        for (int d = lastPublished - 6; d <= lastPublished && sum >= 0; d++) {
            Long p = f.published.get(d);
            sum = p == null ? -1 : sum + p;
        }
        long held = balance(f.holdingsAccount);
        return new FundView(f.terms, f.createdAt, f.openDay, f.lastIncomeDay, lastPublished, held - f.pendingTotal,
                f.pendingTotal, f.payableTotal, balance(f.poolAccount), sum, f.holders.size());
    }

    /** Every fund this shard knows, by code. */
    public List<FundView> funds() {
        List<FundView> all = new ArrayList<>();
        for (String code : book.funds.keySet()) {
            all.add(fund(code));
        }
        return all;
    }

    /** The calendar by name, or null. */
    public FundCalendar calendar(String name) {
        return book.calendars.get(name);
    }

    /** The holder's position, or null when the fund does not exist; a user who never held is all zero. */
    public HoldingView holding(String code, long userId) {
        Fund f = book.funds.get(code);
        if (f == null) {
            return null;
        }
        Holder h = f.holder(userId);
        if (h == null) {
            return new HoldingView(userId, 0, 0, 0, 0, f.lastIncomeDay, 0, 0);
        }
        long last = h.incomeDay == f.lastIncomeDay ? h.lastIncome : 0;
        return new HoldingView(userId, h.units, h.pendingUnits, h.units, last, f.lastIncomeDay, h.totalIncome,
                h.fastDay == f.openDay ? h.fastRedeemed : 0);
    }

    /** The holder's posted days from {@code from} to {@code to} (epoch days) that are still kept, oldest first. */
    public List<IncomeRow> income(String code, long userId, int from, int to) {
        List<IncomeRow> rows = new ArrayList<>();
        Fund f = book.funds.get(code);
        Holder h = f == null ? null : f.holder(userId);
        if (h == null) {
            return rows;
        }
        for (DayColumn c : f.columns.subMap(from, true, to, true).values()) {
            if (c.posted()) {
                long units = c.unitsOf(h.index);
                rows.add(new IncomeRow(c.day, units, c.per10k, io.atta.core.wealth.IncomeRule.income(units, c.per10k)));
            }
        }
        return rows;
    }

    /** The fund's posted days still kept on this shard, oldest first. */
    public List<DayIncome> dayIncomes(String code) {
        List<DayIncome> rows = new ArrayList<>();
        Fund f = book.funds.get(code);
        if (f != null) {
            for (Map.Entry<Integer, DayColumn> e : f.columns.entrySet()) {
                DayColumn c = e.getValue();
                if (c.posted()) {
                    rows.add(new DayIncome(c.day, c.per10k, c.earningTotal, c.fundIncome, c.remainder));
                }
            }
        }
        return rows;
    }

    /** A subscription or redemption by request id, or null. */
    public FundRequest request(String code, String requestId) {
        Fund f = book.funds.get(code);
        return f == null ? null : f.requests.get(requestId);
    }

    /** The fund's four accounts on this shard: holdings, payable, pool, income. */
    public long[] accounts(String code) {
        Fund f = book.funds.get(code);
        return f == null ? null : new long[] {f.holdingsAccount, f.payableAccount, f.poolAccount, f.incomeAccount};
    }

    // ---- Snapshot ----

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        WealthSnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        WealthSnapshot.read(book, in, ledger.postings().homeSlot());
    }

    @Override
    public void clear() {
        book.clear();
    }
}
