package io.atta.engine.wealth;

/**
 * A holder's position in a fund.
 *
 * @param earningUnits     the units earning for the fund's current day (its confirmed units)
 * @param lastIncome       the income of {@code lastIncomeDay}, the fund's last posted day (0 if none for this holder)
 * @param fastRedeemedToday fast redemptions on the fund's current day
 */
public record HoldingView(long userId, long units, long pendingUnits, long earningUnits, long lastIncome,
                          int lastIncomeDay, long totalIncome, long fastRedeemedToday) {
}
