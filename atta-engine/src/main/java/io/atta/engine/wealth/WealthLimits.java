package io.atta.engine.wealth;

/** The fund module's named limits and defaults (docs/FUND.md). */
public final class WealthLimits {
    /** Posted days whose earning units are kept per holder to answer income history. */
    public static final int incomeHistoryDays = 31;
    /** Longest fund code, in characters (letters, digits, '-' and '_'). */
    public static final int maxFundCodeLength = 32;
    /** Longest request id, in characters. */
    public static final int maxRequestIdLength = 64;
    /** Most holidays plus make-up days in one calendar. */
    public static final int maxCalendarDays = 4096;

    private WealthLimits() {
    }
}
