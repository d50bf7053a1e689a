package io.atta.engine.wealth;

import io.atta.core.wealth.CreateFund;

/**
 * A fund as one shard sees it (the API sums the amounts over shards).
 *
 * @param totalUnits      confirmed units of this shard's holders
 * @param sevenDaySum     the last seven published days' incomes per 10,000 units (scaled) ending on
 *                        {@code lastPublishedDay}, or -1 when one of them is not published
 */
public record FundView(CreateFund terms, long createdAt, int openDay, int lastIncomeDay, int lastPublishedDay,
                       long totalUnits, long pendingUnits, long payableUnits, long incomePool, long sevenDaySum,
                       int holders) {
}
