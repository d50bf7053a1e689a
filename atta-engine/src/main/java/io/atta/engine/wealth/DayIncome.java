package io.atta.engine.wealth;

/** One posted day of a fund on this shard: the total earning units, the income on them, the part left in the pool. */
public record DayIncome(int day, long per10k, long earningUnits, long fundIncome, long remainder) {
}
