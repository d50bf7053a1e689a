package io.atta.engine.credit;

import java.util.ArrayList;
import java.util.List;

/**
 * One month's statement of a line: what it billed ({@link #amount}: new purchases, or installment
 * parts), its minimum and due day, and what is still owed of it, charges apart from the billed
 * amount (repayments pay charges first, and only the billed amount accrues the overdue charge).
 */
final class Statement {
    /** A row of the statement: a purchase, or an installment part ({@code reference} the plan's period). */
    record Row(int kind, long reference, long amount, long fee, int part, int of) {
        static final int purchase = 0;
        static final int installment = 1;
    }

    final int period;
    final int day;
    final int dueDay;
    long amount;
    long minimum;
    long billedOwed;
    long chargesOwed;
    long charges;
    long repaid;
    long refunded;
    /** Months, principal and fee of the plan this statement became (0 when it did not). */
    int installedMonths;
    long planPrincipal;
    long planFee;
    /** 0 open, 1 on time (the minimum was paid by the due day), 2 late, 3 in default. */
    int standing;
    final List<Row> rows = new ArrayList<>();

    static final int open = 0;
    static final int onTime = 1;
    static final int late = 2;
    static final int defaulted = 3;

    Statement(int period, int day, int dueDay) {
        this.period = period;
        this.day = day;
        this.dueDay = dueDay;
    }

    long owed() {
        return billedOwed + chargesOwed;
    }

    /** Paid toward the minimum: repayments and refunds given back. */
    long credited() {
        return repaid + refunded;
    }

    /** True when installment parts of an earlier plan are on it (it cannot itself be installed). */
    boolean hasInstallmentRows() {
        for (Row r : rows) {
            if (r.kind() == Row.installment) {
                return true;
            }
        }
        return false;
    }
}
