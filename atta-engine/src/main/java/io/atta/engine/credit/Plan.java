package io.atta.engine.credit;

import io.atta.core.credit.CreditTerms;

/** An installment plan on a statement: {@code months} parts, {@code billed} of them on statements so far. */
final class Plan {
    final int period;
    final long principal;
    final long fee;
    final int months;
    int billed;

    Plan(int period, long principal, long fee, int months) {
        this.period = period;
        this.principal = principal;
        this.fee = fee;
        this.months = months;
    }

    long principalOf(int k) {
        return CreditTerms.installmentPrincipal(principal, months, k);
    }

    long feeOf(int k) {
        return CreditTerms.installmentFeePart(fee, months, k);
    }

    /** Principal and fee of the parts not yet on a statement. */
    long unbilled() {
        long rest = 0;
        for (int k = billed + 1; k <= months; k++) {
            rest += principalOf(k) + feeOf(k);
        }
        return rest;
    }
}
