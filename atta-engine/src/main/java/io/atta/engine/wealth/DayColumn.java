package io.atta.engine.wealth;

/**
 * One closed day of a fund on this shard, by holder index. When the day closes, {@code units}
 * holds each holder's confirmed units and {@code incomeAtClose} its total income then; when the
 * day's income is posted, {@code units} becomes the earning units the income was computed on
 * (the units at close plus the income of earlier days posted after the close, which earns from
 * the day after its own), and {@code incomeAtClose} is dropped. Posted columns are kept for
 * {@link WealthLimits#incomeHistoryDays} to answer income history.
 */
final class DayColumn {
    final int day;
    final long[] units;
    long[] incomeAtClose;
    /** The published income per 10,000 units (scaled), or -1 until posted. */
    long per10k = -1;
    /** Once posted: the fund's income on this shard's total earning units, and the part left in the pool. */
    long earningTotal;
    long fundIncome;
    long remainder;

    DayColumn(int day, long[] units, long[] incomeAtClose) {
        this.day = day;
        this.units = units;
        this.incomeAtClose = incomeAtClose;
    }

    boolean posted() {
        return per10k >= 0;
    }

    /** The holder's units in the column: 0 for a holder who came after the day closed. */
    long unitsOf(int index) {
        return index < units.length ? units[index] : 0;
    }
}
