package io.atta.engine.wealth;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.wealth.DefineCalendar;
import io.atta.core.wealth.FundResults;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fund module against {@link FundReference}, a naive model of the exact rules, over 70 days
 * and 500 holders of seeded random subscriptions, redemptions (fast and normal, some refused),
 * repeats, late and out-of-order publications and missed ticks: every result, and after every
 * day every holder's units, pending units, income of each posted day and wallet, and the fund's
 * income, remainder and pool, equal the reference's to the fen.
 */
class FundModelTest {
    private static final int holders = 500;
    private static final int days = 70;
    private static final long money = 20_000_000;
    private static final String start = "2027-01-04";

    private record Req(String id, int user, long amount, int kind) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 20261207})
    void theModuleAgreesWithTheNaiveReference(long seed) {
        Random rnd = new Random(seed);
        Set<Integer> holidays = new HashSet<>();
        for (String d : new String[] {"2027-01-01", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
                "2027-02-12", "2027-04-05"}) {
            holidays.add(FundShard.day(d));
        }
        int[] hol = holidays.stream().mapToInt(Integer::intValue).sorted().toArray();
        FundShard s = new FundShard();
        int created = FundShard.day(start);
        long t0 = FundShard.at(start + "T08:00");
        assertThat(s.one(t0, new DefineCalendar("CN", hol, new int[] {FundShard.day("2027-02-06")})))
                .isEqualTo(Result.ok);
        assertThat(s.one(t0, FundShard.fund("CN", start))).isEqualTo(Result.ok);
        s.users(t0, holders, money);
        FundReference ref = new FundReference(holidays, created, 10_000_000, 1_000_000);
        for (int i = 0; i < holders; i++) {
            ref.holders.put(i, new FundReference.H());
            ref.holders.get(i).walletStart = money;
        }
        List<Req> done = new ArrayList<>();
        int next = 0;
        int checkedThrough = created - 1;
        String why = "seed " + seed;

        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.parse(start).plusDays(d);
            int today = (int) date.toEpochDay();
            if (rnd.nextInt(10) < 8) {
                long t = FundShard.at(date + "T00:00") + rnd.nextInt(600) * 1_000_000_000L;
                s.tick(t);
                ref.advance(today);
            }
            List<Integer> seconds = new ArrayList<>();
            int events = 30 + rnd.nextInt(90);
            for (int e = 0; e < events; e++) {
                seconds.add(600 + rnd.nextInt(86_400 - 600));
            }
            Collections.sort(seconds);
            int publishAt = rnd.nextInt(10) < 8 ? rnd.nextInt(events) : -1;
            for (int e = 0; e < events; e++) {
                LocalDateTime local = date.atStartOfDay().plusSeconds(seconds.get(e));
                long t = FundShard.at(local.toString());
                ref.advance(today);
                if (e == publishAt) {
                    publish(s, ref, rnd, today, t, why);
                    continue;
                }
                int kind = rnd.nextInt(100);
                if (kind < 8 && !done.isEmpty()) {
                    Req r = done.get(rnd.nextInt(done.size()));
                    Result res = r.kind() == 0 ? s.subscribe(t, r.user(), r.amount(), r.id())
                            : s.redeem(t, r.user(), r.amount(), r.kind() == 1, r.id());
                    assertThat(res).as(why + ": repeat of " + r).isEqualTo(Result.exists);
                } else if (kind < 55) {
                    int u = rnd.nextInt(holders);
                    FundReference.H h = ref.holders.get(u);
                    long held = ref.units(h, today) + ref.pending(h, today);
                    long amount = rnd.nextInt(20) == 0 ? Math.max(1, 10_000_000 - held + rnd.nextInt(200) - 100)
                            : 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 2_000_000);
                    String id = "s" + next++;
                    Result expected = held + amount > ref.cap ? FundResults.holding_cap_exceeded
                            : ref.wallet(h, today) < amount ? Result.insufficient_funds : Result.ok;
                    assertThat(s.subscribe(t, u, amount, id)).as(why + ": " + id + " at " + local).isEqualTo(expected);
                    if (expected == Result.ok) {
                        h.subs.add(new FundReference.Sub(amount, ref.nextTrading(ref.tradeDay(local))));
                        done.add(new Req(id, u, amount, 0));
                    }
                } else {
                    int u = rnd.nextInt(holders);
                    FundReference.H h = ref.holders.get(u);
                    long units = ref.units(h, today);
                    boolean fast = rnd.nextBoolean();
                    long amount = rnd.nextInt(10) == 0 ? units + 1 + rnd.nextInt(100)
                            : 1 + (long) (rnd.nextDouble() * Math.max(1, Math.min(units, fast ? 1_100_000 : units)));
                    long fastToday = 0;
                    for (FundReference.Red r : h.reds) {
                        fastToday += r.fast() && r.day() == today ? r.amount() : 0;
                    }
                    String id = "r" + next++;
                    Result expected = amount > units ? FundResults.insufficient_units
                            : fast && fastToday + amount > ref.fastLimit ? FundResults.fast_redeem_limit_exceeded
                            : Result.ok;
                    assertThat(s.redeem(t, u, amount, fast, id)).as(why + ": " + id + " at " + local)
                            .isEqualTo(expected);
                    if (expected == Result.ok) {
                        h.reds.add(new FundReference.Red(amount, today, fast,
                                fast ? today : ref.nextTrading(ref.tradeDay(local))));
                        done.add(new Req(id, u, amount, fast ? 1 : 2));
                    }
                }
            }
            checkedThrough = compare(s, ref, today, checkedThrough, why + ", end of " + date);
        }
        assertThat(ref.postedThrough).as("the run posted most of its days").isGreaterThan(created + days - 10);
    }

    /** The manager publishes every closed day not yet published, in a random order. */
    private static void publish(FundShard s, FundReference ref, Random rnd, int today, long t, String why) {
        List<Integer> missing = new ArrayList<>();
        for (int day = ref.createdDay; day < today; day++) {
            if (!ref.published.containsKey(day)) {
                missing.add(day);
            }
        }
        Collections.shuffle(missing, rnd);
        for (int day : missing) {
            long scaled = 3_000 + rnd.nextInt(3_000);
            String date = LocalDate.ofEpochDay(day).toString();
            assertThat(s.publish(t, date, scaled)).as(why + ": publish " + date).isEqualTo(Result.ok);
            ref.published.put(day, BigDecimal.valueOf(scaled, 4).toPlainString());
            ref.advance(today);
        }
    }

    /** Everything a user or the ledger would see, against the reference; returns the last posted day checked. */
    private static int compare(FundShard s, FundReference ref, int today, int checkedThrough, String why) {
        WealthModule w = s.wealth();
        assertThat(w.fund(FundShard.code).lastIncomeDay()).as(why).isEqualTo(ref.postedThrough);
        long units = 0;
        long pending = 0;
        for (int u = 0; u < holders; u++) {
            FundReference.H h = ref.holders.get(u);
            HoldingView v = s.holding(u);
            long totalIncome = h.income.values().stream().mapToLong(Long::longValue).sum();
            assertThat(new long[] {v.units(), v.pendingUnits(), v.totalIncome(), s.walletBalance(u)})
                    .as(why + ": holder " + u + " units, pending, income, wallet")
                    .containsExactly(ref.units(h, today), ref.pending(h, today), totalIncome, ref.wallet(h, today));
            for (int day = checkedThrough + 1; day <= ref.postedThrough; day++) {
                List<IncomeRow> rows = w.income(FundShard.code, FundShard.user(u), day, day);
                long earning = rows.isEmpty() ? 0 : rows.get(0).earningUnits();
                long income = rows.isEmpty() ? 0 : rows.get(0).income();
                assertThat(new long[] {earning, income}).as(why + ": holder " + u + " on day " + day)
                        .containsExactly(h.earning.getOrDefault(day, 0L), h.income.getOrDefault(day, 0L));
            }
            units += v.units();
            pending += v.pendingUnits();
        }
        long remainders = 0;
        long incomes = 0;
        for (DayIncome d : w.dayIncomes(FundShard.code)) {
            long[] r = ref.fundDays.get(d.day());
            assertThat(new long[] {d.earningUnits(), d.fundIncome(), d.remainder()}).as(why + ": fund on " + d.day())
                    .containsExactly(r);
        }
        for (long[] r : ref.fundDays.values()) {
            incomes += r[1];
            remainders += r[2];
        }
        long[] accounts = w.accounts(FundShard.code);
        assertThat(s.balance(accounts[0])).as(why + ": holdings").isEqualTo(units + pending);
        assertThat(s.balance(accounts[2])).as(why + ": pool").isEqualTo(remainders);
        assertThat(s.balance(accounts[3])).as(why + ": the income account paid every day's income")
                .isEqualTo(-incomes);
        for (long[] totals : s.ledger.totalsByLedger().values()) {
            assertThat(totals[0]).as(why + ": debits equal credits").isEqualTo(totals[1]);
        }
        return ref.postedThrough;
    }
}
