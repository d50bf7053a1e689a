package io.atta.engine.credit;

/**
 * One payment the line funded, named by its reference (a trade number or a transfer id): the
 * amount lent, what refunds gave back to the line, what was repaid before it was billed, and the
 * statement that billed it (0 while unbilled).
 */
final class Purchase {
    final long reference;
    final long amount;
    final int day;
    long givenBack;
    long repaidEarly;
    int period;

    Purchase(long reference, long amount, int day) {
        this.reference = reference;
        this.amount = amount;
        this.day = day;
    }

    /** What of it is still owed before it is billed. */
    long unbilledOwed() {
        return amount - givenBack - repaidEarly;
    }
}
