package io.atta.engine.wealth;

/** One posted day of a holder: the earning units, the published income per 10,000 units (scaled), the income. */
public record IncomeRow(int day, long earningUnits, long per10k, long income) {
}
