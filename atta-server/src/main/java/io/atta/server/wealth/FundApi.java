package io.atta.server.wealth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.FundResults;
import io.atta.core.wealth.IncomeRule;
import io.atta.core.wealth.PublishIncome;
import io.atta.engine.wealth.FundView;
import io.atta.engine.wealth.WealthLimits;
import io.atta.engine.wealth.WealthModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.AmountText;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Funds (docs/FUND.md): an operator creates one on every shard; anyone reads it, with its units,
 * pool and yield summed over shards; its manager publishes each day's income on every shard.
 */
final class FundApi {
    static final String defaultCutoff = "15:00";
    static final String defaultTimeZone = "Asia/Shanghai";
    static final String defaultFastRedeemDailyLimit = "10000.00";
    static final String defaultHoldingCap = "100000.00";
    /** Longest fund name, in characters. */
    static final int maxFundNameLength = 64;
    private static final Set<String> createFields = Set.of("code", "name", "currency", "manager_user_id",
            "cutoff_local_time", "time_zone", "fast_redeem_daily_limit", "holding_cap", "calendar");
    private static final Set<String> publishFields = Set.of("date", "income_per_10k");

    private final ServerLedger ledger;
    private final FundDirectory directory;

    FundApi(ServerLedger ledger, FundDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    static String code(String text, String field) {
        if (!text.matches("[A-Za-z0-9_-]{1," + WealthLimits.maxFundCodeLength + "}")) {
            throw ApiException.invalidField(field, "must be 1 to " + WealthLimits.maxFundCodeLength
                    + " characters of A-Z a-z 0-9 _ - (maxFundCodeLength)");
        }
        return text;
    }

    /** {@code POST /v1/funds} (admin): 201 with the fund, created on every shard. */
    CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String code = code(body.string("code"), "code");
        String name = body.string("name").strip();
        if (name.isEmpty() || name.length() > maxFundNameLength) {
            throw ApiException.invalidField("name", "must be 1 to " + maxFundNameLength
                    + " characters (maxFundNameLength)");
        }
        Currency currency = body.currency("currency");
        long manager = body.id("manager_user_id");
        int cutoff = FundText.minutes(optional(body, "cutoff_local_time", defaultCutoff), "cutoff_local_time");
        String zone = optional(body, "time_zone", defaultTimeZone);
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("time_zone", "must be a time zone id such as \"Asia/Shanghai\"");
        }
        long fastLimit = AmountText.parse(optional(body, "fast_redeem_daily_limit", defaultFastRedeemDailyLimit),
                currency, "fast_redeem_daily_limit");
        long cap = AmountText.parsePositive(optional(body, "holding_cap", defaultHoldingCap), currency, "holding_cap");
        if (fastLimit < 0) {
            throw ApiException.invalidField("fast_redeem_daily_limit", "must not be negative");
        }
        String calendar = body.has("calendar") ? CalendarApi.name(body.string("calendar")) : "";
        long now = ledger.now();
        int today = (int) Instant.ofEpochSecond(now / 1_000_000_000L).atZone(zoneId).toLocalDate().toEpochDay();
        return ledger.read(manager, l -> l.user(manager) == null ? 0L : l.user(manager).walletAccountId())
                .thenCompose(wallet -> {
            if (wallet == 0) {
                throw ApiException.invalidField("manager_user_id", "must be an existing user");
            }
            return directory.everywhere(new CreateFund(code, name, currency.ledger(), manager, wallet, cutoff, zone,
                    fastLimit, cap, calendar, today), true);
        }).thenCompose(rs -> {
            for (Result r : rs) {
                if (r == FundResults.calendar_not_found) {
                    throw ApiException.invalidField("calendar", "must name a calendar defined with PUT /v1/calendars/{name}");
                }
                if (r == Result.exists_with_different_fields) {
                    throw new ApiException(409, "fund_exists", "fund " + code + " exists with other terms", "code");
                }
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
            }
            int status = rs.get(0) == Result.ok ? 201 : 200;
            return view(code).thenApply(v -> Reply.object(status, g -> write(g, v)));
        });
    }

    private static String optional(Fields body, String name, String absent) {
        return body.has(name) ? body.string(name) : absent;
    }

    /** {@code GET /v1/funds/{code}}: the fund, its amounts summed over every shard. */
    CompletableFuture<Reply> get(ApiCall call) {
        String code = code(call.pathText("code"), "code");
        return view(code).thenApply(v -> Reply.ok(g -> write(g, v)));
    }

    /** The fund as every shard sees it, summed: units, pending units, pool; days and yield from shard 0. */
    private CompletableFuture<FundView> view(String code) {
        List<CompletableFuture<FundView>> reads = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            reads.add(ledger.readShard(s, l -> l.module(WealthModule.class).fund(code)));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
            FundView first = reads.get(FundDirectory.firstShard).join();
            if (first == null) {
                throw ApiException.notFound("no fund " + code);
            }
            long units = 0;
            long pending = 0;
            long pool = 0;
            int holders = 0;
            for (CompletableFuture<FundView> r : reads) {
                FundView v = r.join();
                if (v != null) {
                    units = Math.addExact(units, v.totalUnits());
                    pending = Math.addExact(pending, v.pendingUnits());
                    pool = Math.addExact(pool, v.incomePool());
                    holders += v.holders();
                }
            }
            return new FundView(first.terms(), first.createdAt(), first.openDay(), first.lastIncomeDay(),
                    first.lastPublishedDay(), units, pending, 0, pool, first.sevenDaySum(), holders);
        });
    }

    private static void write(JsonGenerator g, FundView v) throws IOException {
        CreateFund t = v.terms();
        Currency c = Currency.ofLedger(t.ledger());
        g.writeStringField("code", t.code());
        g.writeStringField("name", t.name());
        g.writeStringField("currency", c.name());
        g.writeStringField("manager_user_id", Long.toString(t.managerUserId()));
        g.writeStringField("cutoff_local_time", FundText.time(t.cutoffMinutes()));
        g.writeStringField("time_zone", t.timeZone());
        g.writeStringField("fast_redeem_daily_limit", Amounts.format(t.fastRedeemDailyLimit(), c));
        g.writeStringField("holding_cap", Amounts.format(t.holdingCap(), c));
        if (t.calendar().isEmpty()) {
            g.writeNullField("calendar");
        } else {
            g.writeStringField("calendar", t.calendar());
        }
        g.writeStringField("start_date", FundText.date(t.createdDay()));
        g.writeStringField("total_units", Amounts.format(v.totalUnits(), c));
        g.writeStringField("pending_units", Amounts.format(v.pendingUnits(), c));
        g.writeStringField("income_pool", Amounts.format(v.incomePool(), c));
        g.writeNumberField("holders", v.holders());
        if (v.sevenDaySum() < 0) {
            g.writeNullField("seven_day_yield");
        } else {
            g.writeStringField("seven_day_yield", IncomeRule.sevenDayYield(v.sevenDaySum()));
        }
        if (v.lastIncomeDay() < t.createdDay()) {
            g.writeNullField("last_income_date");
        } else {
            g.writeStringField("last_income_date", FundText.date(v.lastIncomeDay()));
        }
    }

    /**
     * {@code POST /v1/funds/{code}/income} (the fund's manager, or admin): the day's income per
     * 10,000 units, on every shard; each posts its holders' income once the days before are posted.
     */
    CompletableFuture<Reply> publish(ApiCall call) {
        String code = code(call.pathText("code"), "code");
        Fields body = Fields.of(Json.object(call.body(), false), "", publishFields);
        int day = FundText.day(body.string("date"), "date");
        long per10k = FundText.incomePer10k(body.string("income_per_10k"), "income_per_10k");
        return directory.terms(code).thenCompose(t -> {
            if (!call.caller().managesFundsOf(t.managerUserId())) {
                throw ApiException.forbidden("only fund " + code + "'s manager (a fund_manager key of user "
                        + t.managerUserId() + ") publishes its income", null);
            }
            return directory.everywhere(new PublishIncome(code, day, per10k), false);
        }).thenApply(rs -> {
            boolean allExist = true;
            for (Result r : rs) {
                if (r == FundResults.income_date_before_fund || r == FundResults.income_date_not_ended) {
                    throw new ApiException(400, r.apiName(), r == FundResults.income_date_before_fund
                            ? "the fund did not exist on that date" : "that date has not ended in the fund's time zone",
                            "date");
                }
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
                allExist &= r == Result.exists;
            }
            String result = allExist ? "exists" : "ok";
            return Reply.ok(g -> {
                g.writeStringField("code", code);
                g.writeStringField("date", FundText.date(day));
                g.writeStringField("income_per_10k", FundText.income(per10k));
                g.writeStringField("result", result);
            });
        });
    }
}
