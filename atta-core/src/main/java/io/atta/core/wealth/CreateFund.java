package io.atta.core.wealth;

import io.atta.core.command.Command;

/**
 * Creates a money-market fund on one shard (the edge applies it on every shard, since units and
 * pools are per shard): its terms and its four platform accounts there. Applying the same terms
 * again is {@code exists}.
 *
 * @param managerWalletId       the manager's wallet, from which settlement collects what each shard's income account paid
 * @param cutoffMinutes         the daily cut-off, minutes after local midnight (15:00 = 900)
 * @param timeZone              the fund's time zone id (Asia/Shanghai)
 * @param fastRedeemDailyLimit  fast redemptions per user per calendar day, minor units
 * @param holdingCap            most units (minor units) one holder may hold with its pending subscriptions
 * @param createdDay            the local day (epoch day) the fund starts: income is published from this day on
 */
public record CreateFund(String code, String name, int ledger, long managerUserId, long managerWalletId,
                         int cutoffMinutes,
                         String timeZone, long fastRedeemDailyLimit, long holdingCap, String calendar,
                         int createdDay) implements Command {
    public CreateFund {
        code = code == null ? "" : code;
        name = name == null ? "" : name;
        timeZone = timeZone == null ? "" : timeZone;
        calendar = calendar == null ? "" : calendar;
    }
}
