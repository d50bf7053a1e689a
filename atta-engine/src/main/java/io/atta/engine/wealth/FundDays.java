package io.atta.engine.wealth;

import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.wealth.IncomeRule;
import io.atta.engine.ledger.Postings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

/**
 * A fund's calendar days on this shard, driven by the time of ticks and commands: each local
 * midnight closes the day that ended (each holder's units then), posts every published day in
 * date order, and opens the new day (subscriptions confirmed and normal redemptions paid that
 * day). A clock that jumps, or a shard that was down, catches up one day at a time, in order.
 */
final class FundDays {
    private final Postings postings;

    FundDays(Postings postings) {
        this.postings = postings;
    }

    /** Brings the fund to its local day at {@code ts}, closing and opening each day in between. */
    void rollTo(Fund f, long ts) {
        int today = f.dayAt(ts);
        while (f.openDay < today) {
            close(f, f.openDay);
            postPublished(f, ts);
            f.openDay++;
            open(f, f.openDay, ts);
        }
    }

    /** Records every holder's confirmed units, and income so far, as the day ends. */
    private static void close(Fund f, int day) {
        int n = f.holders.size();
        long[] units = new long[n];
        long[] income = new long[n];
        for (int i = 0; i < n; i++) {
            Holder h = f.holders.get(i);
            units[i] = h.units;
            income[i] = h.totalIncome;
        }
        f.columns.put(day, new DayColumn(day, units, income));
    }

    /** Posts each closed day that is published and follows the last posted one, in date order. */
    void postPublished(Fund f, long ts) {
        while (f.lastIncomeDay + 1 < f.openDay) {
            int day = f.lastIncomeDay + 1;
            Long per10k = f.published.get(day);
            if (per10k == null) {
                return;
            }
            post(f, f.columns.get(day), per10k, ts);
        }
    }

    /**
     * The exact rule: each holder earns {@code floor(U × p / 10^8)} on its earning units U (the
     * units at the day's close plus any earlier day's income posted after it), reinvested as
     * units; the fund's income on the total is {@code floor(T × p / 10^8)}; the fen the floors
     * leave go to the income pool. Both amounts move from the income account in one group.
     */
    private void post(Fund f, DayColumn column, long per10k, long ts) {
        if (column == null || column.posted()) {
            throw new IllegalStateException("fund " + f.terms.code() + ": no closed column to post");
        }
        long total = 0;
        long paid = 0;
        for (int i = 0; i < column.units.length; i++) {
            Holder h = f.holders.get(i);
            long earning = Math.addExact(column.units[i], h.totalIncome - column.incomeAtClose[i]);
            column.units[i] = earning;
            if (earning == 0) {
                continue;
            }
            long income = IncomeRule.income(earning, per10k);
            h.units = Math.addExact(h.units, income);
            h.totalIncome = Math.addExact(h.totalIncome, income);
            h.lastIncome = income;
            h.incomeDay = column.day;
            paid = Math.addExact(paid, income);
            total = Math.addExact(total, earning);
        }
        long fundIncome = IncomeRule.income(total, per10k);
        long remainder = fundIncome - paid;
        assert remainder >= 0 && remainder <= column.units.length : "remainder " + remainder + " of " + fundIncome;
        column.per10k = per10k;
        column.incomeAtClose = null;
        f.lastIncomeDay = column.day;
        column.earningTotal = total;
        column.fundIncome = fundIncome;
        column.remainder = remainder;
        String key = f.terms.code() + ":" + column.day;
        postings.begin();
        move(f, "fund-income:" + key, f.incomeAccount, f.holdingsAccount, paid, TransferCodes.fundIncome, ts);
        move(f, "fund-remainder:" + key, f.incomeAccount, f.poolAccount, remainder,
                TransferCodes.fundIncomeRemainder, ts);
        postings.end();
        forgetOldColumns(f);
    }

    /**
     * Pays normal redemptions due and confirms subscriptions due on the day that begins. The open
     * list is rebuilt in one pass (removing from the middle of a list a million times would not do).
     */
    private void open(Fund f, int day, long ts) {
        ArrayList<String> stillOpen = new ArrayList<>();
        for (String id : f.open) {
            FundRequest r = f.requests.get(id);
            if (r.day() > day) {
                stillOpen.add(id);
            } else if (r.kind() == FundRequest.Kind.subscription) {
                Holder h = f.holder(r.userId());
                h.pendingUnits -= r.amount();
                h.units = Math.addExact(h.units, r.amount());
                f.pendingTotal -= r.amount();
                f.requests.put(id, r.withStatus(FundRequest.confirmed));
            } else if (payOut(f, r, ts)) {
                f.payableTotal -= r.amount();
                f.requests.put(id, r.withStatus(FundRequest.paid));
            } else {
                stillOpen.add(id);
            }
        }
        f.open.clear();
        f.open.addAll(stillOpen);
    }

    /** A normal redemption's money to the wallet; a wallet that refuses it (closed) is tried again the next day. */
    private boolean payOut(Fund f, FundRequest r, long ts) {
        long wallet = postings.walletOf(r.userId());
        if (wallet == 0) {
            return false;
        }
        Result res = alone(postings, new CreateTransfer(Fund.transferId(postings.homeSlot(), "fund-payout:"
                + f.terms.code() + ":" + r.requestId()), f.payableAccount, wallet, r.amount(), f.terms.ledger(),
                TransferCodes.fundRedemptionPayout, 0, 0, 0, 0, 0), ts);
        return res == Result.ok;
    }

    /** One transfer as its own group: it stands, or nothing changed. */
    static Result alone(Postings postings, CreateTransfer t, long ts) {
        return postings.alone(t, ts);
    }

    private void move(Fund f, String key, long from, long to, long amount, int code, long ts) {
        if (amount == 0) {
            return;
        }
        Result r = postings.transfer(new CreateTransfer(Fund.transferId(postings.homeSlot(), key), from, to, amount,
                f.terms.ledger(), code, 0, 0, 0, 0, 0), ts);
        if (r != Result.ok) {
            throw new IllegalStateException("fund " + f.terms.code() + ": " + key + " refused: " + r.apiName());
        }
    }

    private static void forgetOldColumns(Fund f) {
        Iterator<Map.Entry<Integer, DayColumn>> it = f.columns.entrySet().iterator();
        while (it.hasNext()) {
            DayColumn c = it.next().getValue();
            if (!c.posted() || c.day > f.lastIncomeDay - WealthLimits.incomeHistoryDays) {
                return;
            }
            it.remove();
        }
    }
}
