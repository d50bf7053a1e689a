package io.atta.engine.wealth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A naive reference of the fund rules of specs "Money-market fund", written from the rules and not
 * from the module: every holder keeps the list of what it did, and a day's earning units are
 * recomputed from that list each time (confirmed subscriptions up to the day, less redemptions
 * up to the day, plus every earlier day's income); amounts in BigDecimal.
 */
final class FundReference {
    record Sub(long amount, int confirmDay) {
    }

    record Red(long amount, int day, boolean fast, int payDay) {
    }

    static final class H {
        final List<Sub> subs = new ArrayList<>();
        final List<Red> reds = new ArrayList<>();
        final TreeMap<Integer, Long> income = new TreeMap<>();
        final TreeMap<Integer, Long> earning = new TreeMap<>();
        long walletStart;
    }

    final Set<Integer> holidays;
    final int createdDay;
    final long cap;
    final long fastLimit;
    final Map<Integer, H> holders = new HashMap<>();
    final TreeMap<Integer, String> published = new TreeMap<>();
    final TreeMap<Integer, long[]> fundDays = new TreeMap<>();
    int postedThrough;

    FundReference(Set<Integer> holidays, int createdDay, long cap, long fastLimit) {
        this.holidays = holidays;
        this.createdDay = createdDay;
        this.cap = cap;
        this.fastLimit = fastLimit;
        this.postedThrough = createdDay - 1;
    }

    boolean trading(int day) {
        DayOfWeek w = LocalDate.ofEpochDay(day).getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    int nextTrading(int day) {
        int d = day + 1;
        while (!trading(d)) {
            d++;
        }
        return d;
    }

    int tradeDay(LocalDateTime t) {
        int day = (int) t.toLocalDate().toEpochDay();
        return trading(day) && t.getHour() < 15 ? day : nextTrading(day);
    }

    long units(H h, int today) {
        long u = 0;
        for (Sub s : h.subs) {
            u += s.confirmDay() <= today ? s.amount() : 0;
        }
        for (Red r : h.reds) {
            u -= r.amount();
        }
        for (Map.Entry<Integer, Long> e : h.income.entrySet()) {
            u += e.getValue();
        }
        return u;
    }

    long pending(H h, int today) {
        long p = 0;
        for (Sub s : h.subs) {
            p += s.confirmDay() > today ? s.amount() : 0;
        }
        return p;
    }

    long wallet(H h, int today) {
        long w = h.walletStart;
        for (Sub s : h.subs) {
            w -= s.amount();
        }
        for (Red r : h.reds) {
            w += r.fast() || r.payDay() <= today ? r.amount() : 0;
        }
        return w;
    }

    /** Earning units of day D: confirmed by D, less redeemed by D, plus every income of the days before D. */
    long earning(H h, int day) {
        long u = 0;
        for (Sub s : h.subs) {
            u += s.confirmDay() <= day ? s.amount() : 0;
        }
        for (Red r : h.reds) {
            u -= r.day() <= day ? r.amount() : 0;
        }
        for (Map.Entry<Integer, Long> e : h.income.headMap(day).entrySet()) {
            u += e.getValue();
        }
        return u;
    }

    /** floor(U/100 × p × 100 / 10000) fen, in decimal arithmetic. */
    static long income(long unitsFen, String p) {
        return new BigDecimal(unitsFen).movePointLeft(2).multiply(new BigDecimal(p)).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(10_000)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** Posts every published day before {@code today} that follows the last posted one. */
    void advance(int today) {
        while (postedThrough + 1 < today && published.containsKey(postedThrough + 1)) {
            int day = postedThrough + 1;
            String p = published.get(day);
            long total = 0;
            long paid = 0;
            for (H h : holders.values()) {
                long e = earning(h, day);
                h.earning.put(day, e);
                long inc = income(e, p);
                h.income.put(day, inc);
                total += e;
                paid += inc;
            }
            long fund = income(total, p);
            fundDays.put(day, new long[] {total, fund, fund - paid});
            postedThrough = day;
        }
    }
}
