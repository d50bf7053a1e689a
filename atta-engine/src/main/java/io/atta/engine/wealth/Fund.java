package io.atta.engine.wealth;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.wealth.CreateFund;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * One fund on this shard: its terms, its platform accounts here, its holders here and the days
 * it has closed and posted. Changed only by {@link FundCommands} and {@link FundDays}.
 *
 * <p>Accounts, all platform-owned on this shard: {@code holdings} (credit balance: the units
 * and pending subscriptions of this shard's holders), {@code payable} (normal redemptions not
 * yet paid), {@code pool} (the income remainders) and {@code income} (the manager's income
 * account's local side: debited by each day's published total, and settled with the manager's
 * account daily).
 */
final class Fund {
    final CreateFund terms;
    final ZoneId zone;
    final long holdingsAccount;
    final long payableAccount;
    final long poolAccount;
    final long incomeAccount;
    final long createdAt;

    /** The local day the fund's clock stands in: every day before it is closed. */
    int openDay;
    /** The last day whose income is posted (the day before creation until the first). */
    int lastIncomeDay;
    /** Subscribed units not yet confirmed, and normal redemptions not yet paid, over every holder here. */
    long pendingTotal;
    long payableTotal;
    final TreeMap<Integer, Long> published = new TreeMap<>();
    /** Closed days not yet posted, and the posted ones kept for history, by day. */
    final TreeMap<Integer, DayColumn> columns = new TreeMap<>();
    final ArrayList<Holder> holders = new ArrayList<>();
    final HashMap<Long, Holder> byUser = new HashMap<>();
    /** Every request by id, in arrival order (the pending ones are confirmed or paid in that order). */
    final LinkedHashMap<String, FundRequest> requests = new LinkedHashMap<>();
    /** Subscriptions and normal redemptions still pending, in arrival order. */
    final ArrayList<String> open = new ArrayList<>();

    Fund(CreateFund terms, int homeSlot, long createdAt) {
        this.terms = terms;
        this.zone = ZoneId.of(terms.timeZone());
        this.holdingsAccount = accountId(terms.code(), "holdings", homeSlot);
        this.payableAccount = accountId(terms.code(), "payable", homeSlot);
        this.poolAccount = accountId(terms.code(), "pool", homeSlot);
        this.incomeAccount = accountId(terms.code(), "income", homeSlot);
        this.createdAt = createdAt;
        this.openDay = terms.createdDay();
        this.lastIncomeDay = terms.createdDay() - 1;
    }

    static long accountId(String code, String kind, int homeSlot) {
        return DerivedIds.platformId(homeSlot, "fund-account:" + code + ":" + kind);
    }

    /** The fund's local day at {@code ts} (ns since the epoch). */
    int dayAt(long ts) {
        return (int) Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L))
                .atZone(zone).toLocalDate().toEpochDay();
    }

    /** Minutes after local midnight at {@code ts}. */
    int minuteAt(long ts) {
        var t = Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L)).atZone(zone).toLocalTime();
        return t.getHour() * 60 + t.getMinute();
    }

    /** When local day {@code day} begins (ns since the epoch). */
    long startOf(int day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
    }

    Holder holder(long userId) {
        return byUser.get(userId);
    }

    Holder holderOrNew(long userId) {
        Holder h = byUser.get(userId);
        if (h == null) {
            h = new Holder(userId, holders.size());
            holders.add(h);
            byUser.put(userId, h);
        }
        return h;
    }

    /** Slot-local id check: the ids of a fund's transfers on this shard. */
    static long transferId(int slot, String key) {
        return Ids.platformId(slot, DerivedIds.of(key));
    }
}
