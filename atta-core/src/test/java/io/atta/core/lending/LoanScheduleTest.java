package io.atta.core.lending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every method's schedule, to the fen, against the exact-rational reference over a seeded sweep
 * of amounts (1,000–300,000 CNY), terms (1–12 months) and daily rates (0.015%–0.06%).
 */
class LoanScheduleTest {
    private static final long seed = 0x10A25L;
    private static final int cases = 4_000;

    @Test
    void everyScheduleMatchesTheReferenceAndSumsToThePrincipal() {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate first = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < cases; i++) {
            long p = random.nextLong(LoanLimits.minPrincipal, LoanLimits.maxPrincipal + 1);
            int n = random.nextInt(LoanLimits.minMonths, LoanLimits.maxMonths + 1);
            long rate = random.nextLong(LoanLimits.minDailyRate, LoanLimits.maxDailyRate + 1);
            LocalDate day = first.plusDays(random.nextInt(3 * 366));
            for (RepaymentMethod m : RepaymentMethod.values()) {
                String what = "seed " + seed + " case " + i + ": " + m + " " + p + " fen, " + n + " months at " + rate
                        + " on " + day;
                Installment[] mine = LoanSchedule.of(m, p, n, rate, (int) day.toEpochDay());
                List<long[]> ref = ScheduleReference.schedule(m.name(), p, n, rate, day);
                assertThat(mine).as(what).hasSize(n);
                long sum = 0;
                for (int k = 0; k < n; k++) {
                    Installment x = mine[k];
                    long[] r = ref.get(k);
                    assertThat(new long[] {x.n(), x.dueDay(), x.principal(), x.interest()}).as(what + " month " + (k + 1))
                            .containsExactly(r);
                    assertThat(x.principal()).as(what).isNotNegative();
                    sum += x.principal();
                }
                assertThat(sum).as(what).isEqualTo(p);
            }
        }
    }

    @Test
    void earlyRepaymentAndPenaltyMatchTheReference() {
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < cases; i++) {
            long r = random.nextLong(1, LoanLimits.maxPrincipal + 1);
            long rate = random.nextLong(LoanLimits.minDailyRate, LoanLimits.maxDailyRate + 1);
            int days = random.nextInt(0, 32);
            assertThat(LoanSchedule.interestForDays(r, rate, days)).as("seed %d case %d", seed, i)
                    .isEqualTo(ScheduleReference.earlyInterest(r, rate, days));
            assertThat(LoanSchedule.dailyPenalty(r, rate)).as("seed %d case %d", seed, i)
                    .isEqualTo(ScheduleReference.penalty(r, rate));
        }
    }

    /** The worked example of docs/LOANS.md: 10,000.00 CNY over 3 months at 0.05% a day, from 2026-01-31. */
    @Test
    void workedExample() {
        int day = (int) LocalDate.of(2026, 1, 31).toEpochDay();
        Installment[] s = LoanSchedule.of(RepaymentMethod.equal_installment, 1_000_000, 3, 50_000, day);
        assertThat(LoanSchedule.annuity(1_000_000, 3, 50_000)).isEqualTo(343_383);
        assertThat(s).containsExactly(
                new Installment(1, (int) LocalDate.of(2026, 2, 28).toEpochDay(), 328_383, 15_000),
                new Installment(2, (int) LocalDate.of(2026, 3, 31).toEpochDay(), 333_309, 10_074),
                new Installment(3, (int) LocalDate.of(2026, 4, 30).toEpochDay(), 338_308, 5_075));
        assertThat(LoanSchedule.dailyPenalty(328_383, 50_000)).isEqualTo(246);
        assertThat(LoanSchedule.interestForDays(671_617, 50_000, 10)).isEqualTo(3_358);
    }

    /** Due days: the 31st falls back to each month's last day, and goes back to the 31st when the month has one. */
    @Test
    void dueDaysKeepTheDayOfMonth() {
        int day = (int) LocalDate.of(2027, 1, 31).toEpochDay();
        assertThat(LocalDate.ofEpochDay(LoanSchedule.dueDay(day, 1))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(LocalDate.ofEpochDay(LoanSchedule.dueDay(day, 2))).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(LocalDate.ofEpochDay(LoanSchedule.dueDay(day, 13))).isEqualTo(LocalDate.of(2028, 2, 29));
    }
}
