package io.atta.engine.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A naive model of one credit line under the spec's rules (specs "Credit pay (Huabei)",
 * docs/CREDIT.md), written apart from the module: rates as decimals with BigDecimal half-up
 * rounding, dates as LocalDate. The model test keeps one per user and compares every statement
 * and the line's amounts with the module's after each day.
 */
final class CreditReference {
    static final BigDecimal overdueRate = new BigDecimal("0.0005");
    static final BigDecimal minimumRate = new BigDecimal("0.10");
    static final Map<Integer, BigDecimal> feeRates = Map.of(3, new BigDecimal("0.025"), 6, new BigDecimal("0.045"),
            9, new BigDecimal("0.065"), 12, new BigDecimal("0.088"));

    static long round(long amount, BigDecimal rate) {
        return BigDecimal.valueOf(amount).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static final class Buy {
        final long amount;
        final LocalDate date;
        long givenBack;
        long early;
        boolean billed;
        /** Past the days a purchase is kept for refunds (docs/CREDIT.md): a refund then stays in the wallet. */
        boolean forgotten;

        Buy(long amount, LocalDate date) {
            this.amount = amount;
            this.date = date;
        }

        long owed() {
            return amount - givenBack - early;
        }
    }

    static final class Stmt {
        final LocalDate date;
        final LocalDate due;
        long amount;
        long minimum;
        long billed;
        long charges;
        long chargesOwed;
        long credited;
        int months;
        String standing = "open";
        boolean hasParts;

        Stmt(LocalDate date) {
            this.date = date;
            this.due = date.plusDays(8);
        }

        long owed() {
            return billed + chargesOwed;
        }
    }

    static final class Plan {
        final long principal;
        final long fee;
        final int months;
        int next = 2;

        Plan(long principal, long fee, int months) {
            this.principal = principal;
            this.fee = fee;
            this.months = months;
        }

        long principal(int k) {
            return k < months ? principal / months : principal - principal / months * (months - 1);
        }

        long fee(int k) {
            return k < months ? fee / months : fee - fee / months * (months - 1);
        }
    }

    final LinkedHashMap<Long, Buy> buys = new LinkedHashMap<>();
    final TreeMap<LocalDate, Stmt> statements = new TreeMap<>();
    final List<Plan> plans = new ArrayList<>();
    final boolean autoRepay;
    /** Every overdue charge and installment fee so far. */
    long charged;

    CreditReference(boolean autoRepay) {
        this.autoRepay = autoRepay;
    }

    long unbilled() {
        long u = 0;
        for (Buy b : buys.values()) {
            u += b.billed ? 0 : b.owed();
        }
        return u;
    }

    long repayable() {
        long r = unbilled();
        for (Stmt s : statements.values()) {
            r += s.owed();
        }
        return r;
    }

    long used() {
        long u = repayable();
        for (Plan p : plans) {
            for (int k = p.next; k <= p.months; k++) {
                u += p.principal(k) + p.fee(k);
            }
        }
        return u;
    }

    boolean frozen() {
        for (Stmt s : statements.values()) {
            if (s.standing.equals("defaulted") && s.owed() > 0) {
                return true;
            }
        }
        return false;
    }

    void buy(long reference, long amount, LocalDate date) {
        buys.put(reference, new Buy(amount, date));
    }

    /** A refund of the trade: what goes back to the line. */
    long refund(long reference, long amount) {
        Buy b = buys.get(reference);
        if (b.forgotten) {
            return 0;
        }
        long take = Math.min(amount, b.amount - b.givenBack);
        take = Math.min(take, b.billed ? repayable() : b.owed());
        if (take <= 0) {
            return 0;
        }
        if (b.billed) {
            pay(take);
        }
        b.givenBack += take;
        return take;
    }

    /** Oldest statement first, charges before the billed amount, then unbilled purchases oldest first. */
    void pay(long amount) {
        long left = amount;
        for (Stmt s : statements.values()) {
            long c = Math.min(left, s.chargesOwed);
            long b = Math.min(left - c, s.billed);
            s.chargesOwed -= c;
            s.billed -= b;
            s.credited += c + b;
            left -= c + b;
        }
        for (Buy b : buys.values()) {
            if (!b.billed) {
                long x = Math.min(left, b.owed());
                b.early += x;
                left -= x;
            }
        }
        if (left != 0) {
            throw new AssertionError("paid more than owed");
        }
    }

    boolean install(LocalDate statementDate, LocalDate today, int months) {
        Stmt s = statements.get(statementDate);
        if (s == null || s.months != 0 || today.isAfter(s.due) || s.credited != 0 || s.charges != 0 || s.hasParts) {
            return false;
        }
        long fee = round(s.amount, feeRates.get(months));
        Plan p = new Plan(s.amount, fee, months);
        s.amount = p.principal(1) + p.fee(1);
        s.billed = s.amount;
        s.minimum = round(s.amount, minimumRate);
        s.months = months;
        if (months > 1) {
            plans.add(p);
        }
        charged += fee;
        return true;
    }

    /** The end of {@code day}: charges on what is billed and unpaid from the due date on, standing on the due date. */
    void endOf(LocalDate day) {
        for (Stmt s : statements.values()) {
            if (!day.isBefore(s.due) && s.billed > 0) {
                long c = round(s.billed, overdueRate);
                s.charges += c;
                s.chargesOwed += c;
                charged += c;
            }
            if (day.equals(s.due) && s.standing.equals("open")) {
                s.standing = s.credited >= s.minimum ? "on_time" : "late";
            }
            if (day.equals(s.due.plusDays(30)) && s.standing.equals("late") && s.credited < s.minimum) {
                s.standing = "defaulted";
            }
        }
    }

    /** The start of {@code day}: the statement on the 1st, automatic repayment on the 9th; returns what auto-repay paid. */
    long startOf(LocalDate day) {
        if (day.getDayOfMonth() == 1) {
            Stmt s = new Stmt(day);
            for (Buy b : buys.values()) {
                if (!b.billed) {
                    s.amount += b.owed();
                    b.billed = true;
                }
            }
            for (Plan p : new ArrayList<>(plans)) {
                s.amount += p.principal(p.next) + p.fee(p.next);
                s.hasParts = true;
                if (++p.next > p.months) {
                    plans.remove(p);
                }
            }
            for (Buy b : buys.values()) {
                b.forgotten |= b.date.isBefore(day.minusDays(CreditDays.purchaseKeepDays));
            }
            if (s.amount > 0) {
                s.billed = s.amount;
                s.minimum = round(s.amount, minimumRate);
                statements.put(day, s);
            }
        }
        if (day.getDayOfMonth() == 9 && autoRepay) {
            long due = 0;
            for (Stmt s : statements.values()) {
                due += s.due.isAfter(day) ? 0 : s.owed();
            }
            if (due > 0) {
                pay(due);
            }
            return due;
        }
        return 0;
    }
}
