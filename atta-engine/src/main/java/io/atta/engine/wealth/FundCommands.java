package io.atta.engine.wealth;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.DefineCalendar;
import io.atta.core.wealth.FundResults;
import io.atta.core.wealth.IncomeRule;
import io.atta.core.wealth.PublishIncome;
import io.atta.core.wealth.Redeem;
import io.atta.core.wealth.Subscribe;
import io.atta.engine.ledger.Postings;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The fund's commands (docs/FUND.md): calendars, funds, subscriptions, redemptions and income
 * publication. Each first brings its fund to the command's day ({@link FundDays#rollTo}), so a
 * request just after midnight counts on the new day even before that midnight's tick. Money
 * moves only through the ledger's {@link Postings}.
 */
final class FundCommands {
    private final Funds book;
    private final Postings postings;
    private final FundDays days;

    FundCommands(Funds book, Postings postings, FundDays days) {
        this.book = book;
        this.postings = postings;
        this.days = days;
    }

    Result defineCalendar(DefineCalendar c) {
        if (c.name().isEmpty()) {
            return Result.id_must_not_be_zero;
        }
        FundCalendar calendar = new FundCalendar(c.name(), c.holidays(), c.makeupWorkdays());
        FundCalendar before = book.calendars.put(c.name(), calendar);
        return calendar.equals(before) ? Result.exists : Result.ok;
    }

    Result createFund(CreateFund c, long ts) {
        if (c.code().isEmpty()) {
            return Result.id_must_not_be_zero;
        }
        Fund existing = book.funds.get(c.code());
        if (existing != null) {
            return existing.terms.equals(c) ? Result.exists : Result.exists_with_different_fields;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        if (!c.calendar().isEmpty() && !book.calendars.containsKey(c.calendar())) {
            return FundResults.calendar_not_found;
        }
        try {
            ZoneId.of(c.timeZone());
        } catch (DateTimeException e) {
            return Result.flags_unknown; // the edge checks the zone; a log never holds a bad one
        }
        Fund f = new Fund(c, postings.homeSlot(), ts);
        postings.begin();
        boolean opened = open(f.holdingsAccount, c, AccountFlags.debitsMustNotExceedCredits, ts)
                && open(f.payableAccount, c, AccountFlags.debitsMustNotExceedCredits, ts)
                && open(f.poolAccount, c, 0, ts)
                && open(f.incomeAccount, c, 0, ts);
        if (!opened) {
            postings.rollBack();
            postings.end();
            return Result.exists_with_different_fields;
        }
        postings.end();
        book.funds.put(c.code(), f);
        days.rollTo(f, ts);
        return Result.ok;
    }

    private boolean open(long id, CreateFund c, int flags, long ts) {
        return postings.openPlatformAccount(id, c.ledger(), TransferCodes.fundAccount, flags | AccountFlags.history,
                0, ts);
    }

    Result subscribe(Subscribe s, long ts) {
        Fund f = fundOn(s.fundCode(), ts);
        if (f == null) {
            return FundResults.fund_not_found;
        }
        FundCalendar calendar = book.calendarOf(f);
        FundRequest seen = f.requests.get(s.requestId());
        if (seen != null) {
            return repeat(seen, FundRequest.Kind.subscription, s.userId(), s.amount());
        }
        Result r = checkHolder(f, s.userId(), s.amount());
        if (r != Result.ok) {
            return r;
        }
        Holder h = f.holder(s.userId());
        long held = h == null ? 0 : Math.addExact(h.units, h.pendingUnits);
        if (Math.addExact(held, s.amount()) > f.terms.holdingCap()) {
            return FundResults.holding_cap_exceeded;
        }
        long wallet = postings.walletOf(s.userId());
        r = FundDays.alone(postings, new CreateTransfer(subscriptionId(s), wallet, f.holdingsAccount, s.amount(),
                f.terms.ledger(), TransferCodes.fundSubscription, 0, 0, 0, 0, 0), ts);
        if (r != Result.ok) {
            return r;
        }
        h = f.holderOrNew(s.userId());
        h.pendingUnits += s.amount();
        f.pendingTotal += s.amount();
        int confirmDay = calendar.nextTradingDayAfter(tradeDay(f, calendar, ts));
        f.requests.put(s.requestId(), new FundRequest(s.requestId(), FundRequest.Kind.subscription, s.userId(),
                s.amount(), confirmDay, FundRequest.pending, ts));
        f.open.add(s.requestId());
        return Result.ok;
    }

    Result redeem(Redeem c, long ts) {
        Fund f = fundOn(c.fundCode(), ts);
        if (f == null) {
            return FundResults.fund_not_found;
        }
        FundCalendar calendar = book.calendarOf(f);
        FundRequest.Kind kind = c.fast() ? FundRequest.Kind.fastRedemption : FundRequest.Kind.normalRedemption;
        FundRequest seen = f.requests.get(c.requestId());
        if (seen != null) {
            return repeat(seen, kind, c.userId(), c.amount());
        }
        Result r = checkHolder(f, c.userId(), c.amount());
        if (r != Result.ok) {
            return r;
        }
        Holder h = f.holder(c.userId());
        if (h == null || h.units < c.amount()) {
            return FundResults.insufficient_units;
        }
        long fastToday = h.fastDay == f.openDay ? h.fastRedeemed : 0;
        if (c.fast() && Math.addExact(fastToday, c.amount()) > f.terms.fastRedeemDailyLimit()) {
            return FundResults.fast_redeem_limit_exceeded;
        }
        long to = c.fast() ? postings.walletOf(c.userId()) : f.payableAccount;
        r = FundDays.alone(postings, new CreateTransfer(redemptionId(c, postings.homeSlot()), f.holdingsAccount, to,
                c.amount(), f.terms.ledger(), TransferCodes.fundRedemption, 0, 0, 0, 0, 0), ts);
        if (r != Result.ok) {
            return r;
        }
        h.units -= c.amount();
        if (c.fast()) {
            h.fastRedeemed = fastToday + c.amount();
            h.fastDay = f.openDay;
            f.requests.put(c.requestId(), new FundRequest(c.requestId(), kind, c.userId(), c.amount(), f.openDay,
                    FundRequest.paid, ts));
        } else {
            f.payableTotal += c.amount();
            int payDay = calendar.nextTradingDayAfter(tradeDay(f, calendar, ts));
            f.requests.put(c.requestId(), new FundRequest(c.requestId(), kind, c.userId(), c.amount(), payDay,
                    FundRequest.pending, ts));
            f.open.add(c.requestId());
        }
        return Result.ok;
    }

    Result publish(PublishIncome p, long ts) {
        Fund f = fundOn(p.fundCode(), ts);
        if (f == null) {
            return FundResults.fund_not_found;
        }
        if (p.incomePer10kScaled() < 0 || p.incomePer10kScaled() > IncomeRule.maxIncomePer10kScaled) {
            return Result.overflow; // the edge refuses it first, naming the limit
        }
        if (p.day() < f.terms.createdDay()) {
            return FundResults.income_date_before_fund;
        }
        if (p.day() >= f.openDay) {
            return FundResults.income_date_not_ended;
        }
        Long before = f.published.get(p.day());
        if (before != null) {
            return before == p.incomePer10kScaled() ? Result.exists : FundResults.income_already_published;
        }
        f.published.put(p.day(), p.incomePer10kScaled());
        days.postPublished(f, ts);
        return Result.ok;
    }

    /** The transfer id of a subscription: derived from the fund and request, in the holder's slot. */
    static long subscriptionId(Subscribe s) {
        int slot = s.userId() > 0 ? Ids.slotOf(s.userId()) : 0; // a bad user id is refused before any transfer
        return Fund.transferId(slot, "fund-sub:" + s.fundCode() + ":" + s.requestId());
    }

    /** The transfer id of a redemption: derived from the fund and request, in the shard's home slot (holdings pays it). */
    static long redemptionId(Redeem r, int homeSlot) {
        return Fund.transferId(homeSlot, "fund-redeem:" + r.fundCode() + ":" + r.requestId());
    }

    /** The fund brought to the day of {@code ts}, or null when this shard has no such fund. */
    private Fund fundOn(String code, long ts) {
        Fund f = book.funds.get(code);
        if (f != null) {
            days.rollTo(f, ts);
        }
        return f;
    }

    /** A request id seen before: {@code exists} when asked alike, else {@code exists_with_different_fields}. */
    private static Result repeat(FundRequest seen, FundRequest.Kind kind, long userId, long amount) {
        return seen.kind() == kind && seen.userId() == userId && seen.amount() == amount ? Result.exists
                : Result.exists_with_different_fields;
    }

    /** The trading day a request at {@code ts} counts on: today before the cut-off on a trading day, else the next. */
    static int tradeDay(Fund f, FundCalendar calendar, long ts) {
        int day = f.dayAt(ts);
        if (calendar.isTradingDay(day) && f.minuteAt(ts) < f.terms.cutoffMinutes()) {
            return day;
        }
        return calendar.nextTradingDayAfter(day);
    }

    /** The user is on this shard with a wallet in the fund's currency, and the amount is positive. */
    private Result checkHolder(Fund f, long userId, long amount) {
        if (userId <= 0 || !postings.ownsSlot(Ids.slotOf(userId))) {
            return Result.accounts_on_different_shards;
        }
        long wallet = postings.walletOf(userId);
        if (wallet == 0) {
            return Result.user_not_found;
        }
        if (amount <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (postings.ledgerOf(wallet) != f.terms.ledger()) {
            return FundResults.fund_currency_mismatch;
        }
        return Result.ok;
    }
}
