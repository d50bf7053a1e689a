package io.atta.engine.credit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * A user's revolving line: its limit, cycle, and everything it is owed ({@link #used}: unbilled
 * purchases, statements' billed amounts and charges, installment parts not yet billed). Changed
 * only by {@link CreditCommands}, {@link CreditDays} and {@link CreditPay}.
 */
final class CreditLine {
    final long userId;
    final long walletId;
    final int ledger;
    final String requestId;
    final long openedAt;
    final int statementDay;
    long limit;
    boolean autoRepay;
    /** Everything the line is owed: kept equal to the sum over its parts (checked by {@link #usedFromParts}). */
    long used;
    final ArrayList<Purchase> unbilled = new ArrayList<>();
    /** Every purchase by reference, kept for refunds until {@link CreditDays#purchaseKeepDays}. */
    final HashMap<Long, Purchase> purchases = new HashMap<>();
    final TreeMap<Integer, Statement> statements = new TreeMap<>();
    final ArrayList<Plan> plans = new ArrayList<>();
    /** Manual repayments by request id: the amount and source asked. */
    final LinkedHashMap<String, long[]> repayments = new LinkedHashMap<>();

    CreditLine(long userId, long walletId, int ledger, String requestId, long openedAt, int statementDay) {
        this.userId = userId;
        this.walletId = walletId;
        this.ledger = ledger;
        this.requestId = requestId;
        this.openedAt = openedAt;
        this.statementDay = statementDay;
    }

    long available() {
        return Math.max(0, limit - used);
    }

    int dueDayOfMonth() {
        return statementDay + io.atta.core.credit.CreditTerms.dueAfterDays;
    }

    /** What a repayment may pay today: statements' charges and billed amounts, and unbilled purchases. */
    long repayable() {
        long owed = 0;
        for (Statement s : statements.values()) {
            owed += s.owed();
        }
        for (Purchase p : unbilled) {
            owed += p.unbilledOwed();
        }
        return owed;
    }

    /**
     * Applies {@code amount} (at most {@link #repayable}) to the oldest statement first, charges
     * before the billed amount, then to unbilled purchases oldest first. {@code refund} counts it as
     * a refund given back rather than a repayment.
     */
    void apply(long amount, boolean refund) {
        long left = amount;
        for (Statement s : statements.values()) {
            if (left == 0) {
                break;
            }
            long c = Math.min(left, s.chargesOwed);
            s.chargesOwed -= c;
            long b = Math.min(left - c, s.billedOwed);
            s.billedOwed -= b;
            if (refund) {
                s.refunded += c + b;
            } else {
                s.repaid += c + b;
            }
            left -= c + b;
        }
        for (Purchase p : unbilled) {
            if (left == 0) {
                break;
            }
            long x = Math.min(left, p.unbilledOwed());
            p.repaidEarly += x;
            left -= x;
        }
        if (left != 0) {
            throw new AssertionError("applied " + amount + " to line " + userId + " owing less");
        }
        used -= amount;
    }

    /**
     * The line's status: {@code frozen} with a statement in default still owed, {@code overdue}
     * with one past its due date and still short of its minimum, else {@code active}.
     */
    String status() {
        String status = "active";
        for (Statement s : statements.values()) {
            if (s.owed() > 0 && s.standing == Statement.defaulted) {
                return "frozen";
            }
            if (s.owed() > 0 && s.standing == Statement.late && s.credited() < s.minimum) {
                status = "overdue";
            }
        }
        return status;
    }

    /** {@link #used} recomputed from the parts (for the invariant check). */
    long usedFromParts() {
        long sum = repayable();
        for (Plan p : plans) {
            sum += p.unbilled();
        }
        return sum;
    }
}
