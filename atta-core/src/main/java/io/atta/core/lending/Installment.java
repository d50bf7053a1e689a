package io.atta.core.lending;

/**
 * One month of a loan's schedule, fixed at disbursement: its number (1..n), the local day
 * (epoch day) it falls due, and the principal and interest it repays (minor units).
 */
public record Installment(int n, int dueDay, long principal, long interest) {
    public long total() {
        return Math.addExact(principal, interest);
    }
}
