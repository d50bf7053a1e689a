package io.atta.core.lending;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** How a loan's principal and interest are spread over its months (docs/LOANS.md, Schedules). */
public enum RepaymentMethod implements StableCode {
    /** The annuity: equal totals, the last one settling the rounding. */
    equal_installment(0),
    /** Equal principal each month, interest on what remains. */
    equal_principal(1),
    /** Interest each month, all principal in the last. */
    interest_first(2);

    private static final CodeTable<RepaymentMethod> byCode = new CodeTable<>(values());

    private final int code;

    RepaymentMethod(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static RepaymentMethod ofCode(int code) {
        return byCode.of(code);
    }

    /** The method of an API name, or null. */
    public static RepaymentMethod ofName(String name) {
        for (RepaymentMethod m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
