package io.atta.engine.wealth;

import static io.atta.engine.wealth.FundShard.at;
import static io.atta.engine.wealth.FundShard.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.DefineCalendar;
import io.atta.core.wealth.FundResults;
import io.atta.core.wealth.PublishIncome;
import io.atta.core.wealth.Subscribe;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every result of the fund's rules, as tables of cases (docs/FUND.md). */
class FundRulesTest {
    /** 2027: Jan 1 (Fri) a holiday; Feb 7 (Sun) a make-up working day. */
    private static final DefineCalendar china = new DefineCalendar("CN", new int[] {day("2027-01-01")},
            new int[] {day("2027-02-07")});

    private static FundShard shard() {
        FundShard s = new FundShard();
        long t = at("2026-12-28T09:00");
        assertThat(s.one(t, china)).isEqualTo(Result.ok);
        assertThat(s.one(t, FundShard.fund("CN", "2026-12-28"))).isEqualTo(Result.ok);
        s.users(t, 3, 50_000_000);
        return s;
    }

    static Stream<Arguments> confirmations() {
        return Stream.of(
                Arguments.of("before the cut-off on a trading day", "2027-01-04T14:59", "2027-01-05"),
                Arguments.of("at the cut-off", "2027-01-04T15:00", "2027-01-06"),
                Arguments.of("after the cut-off", "2027-01-04T21:30", "2027-01-06"),
                Arguments.of("Friday after the cut-off", "2027-01-08T15:01", "2027-01-12"),
                Arguments.of("Saturday", "2027-01-09T10:00", "2027-01-12"),
                Arguments.of("Sunday", "2027-01-10T23:59", "2027-01-12"),
                Arguments.of("the day before a holiday, after the cut-off", "2026-12-31T16:00", "2027-01-05"),
                Arguments.of("on the holiday", "2027-01-01T10:00", "2027-01-05"),
                Arguments.of("on a make-up working day (not a trading day for funds)", "2027-02-07T10:00",
                        "2027-02-09"),
                Arguments.of("the Friday before a make-up Sunday", "2027-02-05T10:00", "2027-02-08"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("confirmations")
    void aSubscriptionIsConfirmedOnTheNextTradingDayAfterItsTradeDay(String when, String at, String confirmed) {
        FundShard s = shard();
        long t = at(at);

        assertThat(s.subscribe(t, 0, 100_000, "r1")).isEqualTo(Result.ok);

        assertThat(s.request("r1").day()).isEqualTo(day(confirmed));
        assertThat(s.holding(0).pendingUnits()).isEqualTo(100_000);
        assertThat(s.walletBalance(0)).as("the wallet is debited at once").isEqualTo(50_000_000 - 100_000);
        s.tick(at(confirmed + "T00:00") - 1);
        assertThat(s.holding(0).units()).as("not before its day").isZero();
        s.tick(at(confirmed + "T00:00"));
        assertThat(s.holding(0).units()).isEqualTo(100_000);
        assertThat(s.holding(0).pendingUnits()).isZero();
        assertThat(s.request("r1").status()).isEqualTo(FundRequest.confirmed);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a fast redemption over the daily limit", FundResults.fast_redeem_limit_exceeded),
                Arguments.of("a subscription over the holding cap", FundResults.holding_cap_exceeded),
                Arguments.of("a redemption of more than the confirmed units", FundResults.insufficient_units),
                Arguments.of("a redemption of pending units", FundResults.insufficient_units),
                Arguments.of("a subscription over the wallet", Result.insufficient_funds),
                Arguments.of("an unknown fund", FundResults.fund_not_found),
                Arguments.of("a user of no shard", Result.user_not_found),
                Arguments.of("a zero amount", Result.amount_must_not_be_zero),
                Arguments.of("a request id reused for another amount", Result.exists_with_different_fields),
                Arguments.of("a request repeated", Result.exists));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void holdersRequestsAreRefusedWithTheirResultAndChangeNothingElse(String what, Result expected) {
        FundShard s = shard();
        long t = at("2027-01-04T10:00");
        assertThat(s.subscribe(t, 0, 6_000_000, "base")).isEqualTo(Result.ok);
        s.tick(at("2027-01-05T10:00"));
        assertThat(s.redeem(at("2027-01-05T10:00"), 0, 1_000_000, true, "fast1")).isEqualTo(Result.ok);
        HoldingView before = s.holding(0);
        long wallet = s.walletBalance(0);
        long now = at("2027-01-05T11:00");

        Result r = switch (what) {
            case "a fast redemption over the daily limit" -> s.redeem(now, 0, 1, true, "x");
            case "a subscription over the holding cap" -> s.subscribe(now, 0, 10_000_000 - 5_000_000 + 1, "x");
            case "a redemption of more than the confirmed units" -> s.redeem(now, 0, 5_000_001, false, "x");
            case "a redemption of pending units" -> {
                assertThat(s.subscribe(now, 1, 100, "p")).isEqualTo(Result.ok);
                yield s.redeem(now, 1, 100, false, "x");
            }
            case "a subscription over the wallet" -> {
                s.user(now, 3, 1_000);
                yield s.subscribe(now, 3, 1_001, "x");
            }
            case "an unknown fund" -> s.one(now, new Subscribe("NOPE", "x", FundShard.user(0), 1));
            case "a user of no shard" -> s.subscribe(now, 7, 1, "x");
            case "a zero amount" -> s.subscribe(now, 0, 0, "x");
            case "a request id reused for another amount" -> s.subscribe(now, 0, 7, "base");
            case "a request repeated" -> s.subscribe(now, 0, 6_000_000, "base");
            default -> throw new IllegalArgumentException(what);
        };

        assertThat(r).isEqualTo(expected);
        assertThat(s.holding(0)).isEqualTo(before);
        assertThat(s.walletBalance(0)).isEqualTo(wallet);
    }

    @Test
    void theFastLimitIsPerCalendarDayAndNormalRedemptionsHaveNone() {
        FundShard s = shard();
        s.subscribe(at("2027-01-04T10:00"), 0, 5_000_000, "base");
        s.tick(at("2027-01-05T00:00"));

        assertThat(s.redeem(at("2027-01-05T10:00"), 0, 1_000_000, true, "f1")).isEqualTo(Result.ok);
        assertThat(s.redeem(at("2027-01-05T23:59"), 0, 1, true, "f2")).isEqualTo(FundResults.fast_redeem_limit_exceeded);
        assertThat(s.redeem(at("2027-01-05T23:59"), 0, 2_000_000, false, "n1")).isEqualTo(Result.ok);
        assertThat(s.holding(0).fastRedeemedToday()).isEqualTo(1_000_000);
        assertThat(s.redeem(at("2027-01-06T00:00"), 0, 1_000_000, true, "f3")).as("a new day").isEqualTo(Result.ok);
        assertThat(s.walletBalance(0)).isEqualTo(50_000_000 - 5_000_000 + 2_000_000);
    }

    @Test
    void aNormalRedemptionIsPaidOnTheNextTradingDayAndStopsEarningAtOnce() {
        FundShard s = shard();
        s.subscribe(at("2027-01-04T10:00"), 0, 2_000_000, "base");
        s.tick(at("2027-01-05T00:00"));

        assertThat(s.redeem(at("2027-01-08T16:00"), 0, 500_000, false, "n1")).isEqualTo(Result.ok);

        assertThat(s.request("n1").day()).as("Friday after the cut-off: trade day Monday, paid Tuesday")
                .isEqualTo(day("2027-01-12"));
        assertThat(s.holding(0).units()).isEqualTo(1_500_000);
        s.tick(at("2027-01-11T23:59"));
        assertThat(s.walletBalance(0)).isEqualTo(48_000_000);
        s.tick(at("2027-01-12T00:00"));
        assertThat(s.walletBalance(0)).isEqualTo(48_500_000);
        assertThat(s.request("n1").status()).isEqualTo(FundRequest.paid);
    }

    @Test
    void incomeIsExactToTheFenAndTheRemainderGoesToThePool() {
        FundShard s = shard();
        s.subscribe(at("2027-01-04T10:00"), 0, 1_234_567, "a");
        s.subscribe(at("2027-01-04T10:00"), 1, 99, "b");
        s.subscribe(at("2027-01-04T10:00"), 2, 3_333_333, "c");
        s.tick(at("2027-01-06T00:00"));
        for (String d : new String[] {"2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01",
                "2027-01-02", "2027-01-03", "2027-01-04"}) {
            assertThat(s.publish(at("2027-01-06T09:00"), d, 4521)).isEqualTo(Result.ok);
        }
        assertThat(s.holding(0).totalIncome()).as("nothing earned before confirmation").isZero();

        assertThat(s.publish(at("2027-01-06T09:00"), "2027-01-05", 4521)).isEqualTo(Result.ok);

        // floor(12345.67 × 0.4521 × 100 / 10000) = floor(55.8148...) fen
        assertThat(s.holding(0).lastIncome()).isEqualTo(55);
        assertThat(s.holding(1).lastIncome()).as("0.99 CNY earns under a fen").isZero();
        assertThat(s.holding(2).lastIncome()).isEqualTo(150); // floor(33333.33 × 0.4521 / 100) = 150.699…
        DayIncome day = s.wealth().dayIncomes(FundShard.code).get(s.wealth().dayIncomes(FundShard.code).size() - 1);
        assertThat(day.earningUnits()).isEqualTo(1_234_567 + 99 + 3_333_333);
        assertThat(day.fundIncome()).isEqualTo(206); // floor(45679.99 × 0.4521 / 100) = 206.519…
        assertThat(day.remainder()).isEqualTo(206 - 55 - 150);
        long[] accounts = s.wealth().accounts(FundShard.code);
        assertThat(s.balance(accounts[2])).as("the pool").isEqualTo(1);
        assertThat(s.holding(0).units()).as("reinvested").isEqualTo(1_234_567 + 55);
        assertThat(s.wealth().income(FundShard.code, FundShard.user(0), day("2027-01-05"), day("2027-01-05")))
                .containsExactly(new IncomeRow(day("2027-01-05"), 1_234_567, 4521, 55));
    }

    @Test
    void publicationIsIdempotentPerDateAndRefusedOutsideTheFundsDays() {
        FundShard s = shard();
        long t = at("2027-01-05T09:00");
        assertThat(s.publish(t, "2026-12-28", 4521)).isEqualTo(Result.ok);
        assertThat(s.publish(t, "2026-12-28", 4521)).isEqualTo(Result.exists);
        assertThat(s.publish(t, "2026-12-28", 4522)).isEqualTo(FundResults.income_already_published);
        assertThat(s.publish(t, "2026-12-27", 4521)).isEqualTo(FundResults.income_date_before_fund);
        assertThat(s.publish(t, "2027-01-05", 4521)).isEqualTo(FundResults.income_date_not_ended);
        assertThat(s.one(t, new PublishIncome("NOPE", day("2027-01-01"), 1))).isEqualTo(FundResults.fund_not_found);
    }

    @Test
    void aLatePublicationPostsEveryWaitingDayInDateOrderAndIncomeCompounds() {
        FundShard s = shard();
        s.subscribe(at("2026-12-28T10:00"), 0, 10_000_000, "a");
        s.tick(at("2027-01-11T09:00"));
        // Published out of order: nothing posts until the first missing day comes.
        for (int d = 29 + 3; d >= 29; d--) {
            String date = d <= 31 ? "2026-12-" + d : "2027-01-0" + (d - 31);
            assertThat(s.publish(at("2027-01-11T09:00"), date, 10_000)).isEqualTo(Result.ok);
            assertThat(s.holding(0).totalIncome()).isZero();
        }
        assertThat(s.publish(at("2027-01-11T09:00"), "2026-12-28", 10_000)).isEqualTo(Result.ok);

        // Confirmed on 12-29, it earns 1 per 10,000 a day from then, each day on the day before's income too.
        long units = 10_000_000;
        for (int i = 0; i < 4; i++) {
            units += units / 10_000;
        }
        assertThat(s.holding(0).units()).isEqualTo(units);
        assertThat(s.wealth().fund(FundShard.code).lastIncomeDay()).isEqualTo(day("2027-01-01"));
    }

    @Test
    void theSevenDayYieldIsTheAnnualisedAverageOfTheLastSevenDays() {
        FundShard s = shard();
        s.tick(at("2027-01-05T00:00"));
        long[] p = {4521, 4500, 4480, 4530, 4610, 4499, 4520};
        for (int i = 0; i < 7; i++) {
            String date = java.time.LocalDate.parse("2026-12-28").plusDays(i).toString();
            assertThat(s.publish(at("2027-01-05T09:00"), date, p[i])).isEqualTo(Result.ok);
        }
        FundView f = s.wealth().fund(FundShard.code);
        assertThat(f.sevenDaySum()).isEqualTo(31_660);
        assertThat(io.atta.core.wealth.IncomeRule.sevenDayYield(f.sevenDaySum())).isEqualTo("1.651%");
    }

    @Test
    void fundAndCalendarCreationResults() {
        FundShard s = new FundShard();
        long t = at("2026-12-28T09:00");
        assertThat(s.one(t, FundShard.fund("CN", "2026-12-28"))).isEqualTo(FundResults.calendar_not_found);
        assertThat(s.one(t, china)).isEqualTo(Result.ok);
        assertThat(s.one(t, china)).isEqualTo(Result.exists);
        assertThat(s.one(t, FundShard.fund("CN", "2026-12-28"))).isEqualTo(Result.ok);
        assertThat(s.one(t, FundShard.fund("CN", "2026-12-28"))).isEqualTo(Result.exists);
        CreateFund other = new CreateFund(FundShard.code, "other", FundShard.cny, 1, 2, 900, "Asia/Shanghai", 1, 1, "CN",
                day("2026-12-28"));
        assertThat(s.one(t, other)).isEqualTo(Result.exists_with_different_fields);
    }

    @Test
    void theFundsSectionIsSnapshottedRestoredAndHashed() throws IOException {
        FundShard a = shard();
        a.subscribe(at("2027-01-04T10:00"), 0, 1_000_000, "a");
        a.tick(at("2027-01-06T00:00"));
        a.publish(at("2027-01-06T01:00"), "2026-12-28", 4521);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(a.ledger, new DataOutputStream(bytes));
        ShardLedger b = ShardLedger.standalone(new InMemoryTransferStore());

        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(b.stateHash()).isEqualTo(a.ledger.stateHash());
        assertThat(b.module(WealthModule.class).holding(FundShard.code, FundShard.user(0)))
                .isEqualTo(a.holding(0));
        assertThat(b.module(WealthModule.class).fund(FundShard.code)).isEqualTo(a.wealth().fund(FundShard.code));
    }
}
