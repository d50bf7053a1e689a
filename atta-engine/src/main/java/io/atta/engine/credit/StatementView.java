package io.atta.engine.credit;

import java.util.List;

/**
 * A statement as the API shows it (minor units; days are epoch days): its rows, what it billed,
 * its minimum, what repayments and refunds paid, the overdue charges, what it still owes, its
 * status and, when it became installments, the plan's schedule.
 */
public record StatementView(int period, int day, int dueDay, long amount, long minimum, long repaid, long refunded,
                            long charges, long owed, String status, int installedMonths, List<Row> rows,
                            List<Part> schedule) {
    /** A purchase ({@code reference} its trade number or transfer id) or an installment part ({@code reference} the plan's period). */
    public record Row(String kind, long reference, long amount, long fee, int part, int of) {
    }

    /** Month {@code n} of an installment plan, billed on the statement of {@code period}. */
    public record Part(int n, int period, long principal, long fee) {
    }

    public StatementView {
        rows = List.copyOf(rows);
        schedule = List.copyOf(schedule);
    }
}
