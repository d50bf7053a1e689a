package io.atta.engine.lending;

import static io.atta.engine.lending.LoanShard.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.lending.LoanDays;
import io.atta.core.lending.LoanRateTable;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.LoanSchedule;
import io.atta.core.lending.RepaymentMethod;
import io.atta.engine.ledger.LedgerSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A year of loans on the test clock against {@link LoanReference}: seeded borrowing, partial,
 * full, late and missed repayments and prepayments, days that pass without a tick (a clock jump
 * caught up later). After every day every loan's charges and payments, every result, every
 * wallet and the lender's figures equal the reference's; the ledger stays balanced; and the
 * lender's funding plus the principal its loans owe stays equal to what was deposited.
 */
class LoanModelTest {
    private static final long seed = 0x5EED_1A4DL;
    private static final int users = 40;
    private static final long funding = 2_000_000_000L;
    private static final long startMoney = 5_000_000L;

    private final LoanShard s = new LoanShard();
    private final SplittableRandom random = new SplittableRandom(seed);
    private final List<LoanReference> loans = new ArrayList<>();
    private final long[] wallets = new long[users];
    private long received;

    @Test
    void aYearOfLoansFollowsTheSpecToTheFen() throws IOException {
        int first = LoanShard.day("2026-01-05");
        s.lender(LoanDays.startOf(first) + 1, funding);
        for (int u = 0; u < users; u++) {
            s.user(LoanDays.startOf(first) + 2, u, startMoney);
            s.scores.put(LoanShard.user(u), u % 10 == 0 ? 580 : 600 + random.nextInt(351));
            wallets[u] = startMoney;
        }
        int ticked = first;
        for (int day = first; day < first + 366; day++) {
            for (LoanReference ref : loans) {
                if (day > first) {
                    ref.beginDay(day);
                }
            }
            // Most days the midnight tick runs; some days it does not, and the next command or tick catches up.
            if (random.nextInt(5) != 0) {
                s.tick(LoanDays.startOf(day));
                ticked = day;
            }
            long ts = LoanDays.startOf(day) + (8 + random.nextInt(12)) * 3_600_000_000_000L;
            for (int k = 0; k < 6; k++) {
                act(day, ts + k * 1_000_000L);
            }
            check(day, ts + 10_000_000L, ticked);
        }
        assertThat(loans).as("seed %d", seed).hasSizeGreaterThan(100);
        assertThat(loans.stream().filter(l -> l.prepaid)).as("seed %d", seed).isNotEmpty();
        assertThat(received).isPositive();

        // A year of loans snapshots and restores to the same state hash and the same loans.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(s.ledger, new DataOutputStream(bytes));
        LoanShard restored = new LoanShard();
        LedgerSnapshot.read(restored.ledger, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.ledger.stateHash()).isEqualTo(s.ledger.stateHash());
        long end = LoanDays.startOf(first + 366);
        for (LoanReference ref : loans) {
            assertThat(restored.loan(ref.id, end)).isEqualTo(s.loan(ref.id, end));
        }
    }

    private void act(int day, long ts) {
        int u = random.nextInt(users);
        int what = random.nextInt(10);
        if (what < 3) {
            borrow(u, day, ts);
            return;
        }
        List<LoanReference> mine = loans.stream().filter(l -> l.user == u && !l.closed).toList();
        if (mine.isEmpty()) {
            return;
        }
        LoanReference ref = mine.get(random.nextInt(mine.size()));
        String request = "q-" + day + "-" + random.nextLong(1_000_000_000L);
        if (what == 9) {
            long pay = ref.payoff(day);
            Result r = s.prepay(ts, ref.id, request);
            if (pay > wallets[u]) {
                assertThat(r).as("seed %d", seed).isEqualTo(Result.insufficient_funds);
                return;
            }
            assertThat(r).as("seed %d day %d prepay %d", seed, day, ref.id).isEqualTo(Result.ok);
            long[] parts = ref.prepay(day);
            wallets[u] -= parts[0] + parts[1] + parts[2];
            received += parts[0] + parts[1];
            return;
        }
        long owed = ref.owed(day);
        long amount = what < 6 ? owed : 1 + random.nextLong(Math.max(1, owed + owed / 10));
        Result r = s.repay(ts, ref.id, request, amount);
        Result expected = amount == 0 ? Result.amount_must_not_be_zero
                : owed == 0 ? LoanResults.nothing_owed
                : amount > owed ? LoanResults.repayment_exceeds_owed
                : amount > wallets[u] ? Result.insufficient_funds : Result.ok;
        assertThat(r).as("seed %d day %d repay %d of %d owed", seed, day, amount, owed).isEqualTo(expected);
        if (r == Result.ok) {
            long penaltyBefore = sum(ref.paidPenalty) + sum(ref.paidInterest);
            ref.repay(amount, day);
            received += sum(ref.paidPenalty) + sum(ref.paidInterest) - penaltyBefore;
            wallets[u] -= amount;
        }
    }

    private void borrow(int u, int day, long ts) {
        long amount = 100_000 + random.nextLong(3_000_000);
        int months = 1 + random.nextInt(12);
        RepaymentMethod method = RepaymentMethod.values()[random.nextInt(3)];
        String request = "loan-" + day + "-" + random.nextLong(1_000_000_000L);
        Result r = s.borrow(ts, u, request, amount, months, method);
        LoanRateTable.Band band = LoanRateTable.bandOf(s.scores.get(LoanShard.user(u)));
        if (band == null) {
            assertThat(r).isEqualTo(LoanResults.score_too_low);
            return;
        }
        if (amount > band.maxPrincipal()) {
            assertThat(r).isEqualTo(LoanResults.loan_limit_exceeded);
            return;
        }
        assertThat(r).as("seed %d day %d borrow", seed, day).isEqualTo(Result.ok);
        long id = LoanShard.loanId(u, request);
        loans.add(new LoanReference(id, u, band.dailyRate(), day,
                LoanSchedule.of(method, amount, months, band.dailyRate(), day)));
        wallets[u] += amount;
    }

    private void check(int day, long ts, int ticked) {
        long outstanding = 0;
        for (LoanReference ref : loans) {
            LoanView v = s.loan(ref.id, ts);
            String what = "seed " + seed + " day " + day + " loan " + ref.id;
            for (int i = 0; i < ref.due.length; i++) {
                LoanView.InstallmentView x = v.installments().get(i);
                assertThat(new long[] {x.penalty(), x.penaltyPaid(), x.interestCharged(), x.interestPaid(),
                        x.principalPaid()}).as(what + " installment " + (i + 1))
                        .containsExactly(ref.penalty[i], ref.paidPenalty[i], ref.interest[i], ref.paidInterest[i],
                                ref.paidPrincipal[i]);
            }
            assertThat(v.owedToday()).as(what).isEqualTo(ref.closed ? 0 : ref.owed(day));
            assertThat(v.status().equals("repaid") || v.status().equals("prepaid")).as(what).isEqualTo(ref.closed);
            if (!ref.closed) {
                assertThat(v.payoffToday()).as(what).isEqualTo(ref.payoff(day));
            }
            outstanding += ref.outstanding();
        }
        for (int u = 0; u < users; u++) {
            assertThat(s.walletBalance(u)).as("seed %d day %d wallet %d", seed, day, u).isEqualTo(wallets[u]);
        }
        LenderView l = s.reads().lender(LoanShard.lender);
        assertThat(l.exposure()).isEqualTo(outstanding);
        assertThat(l.available() + outstanding).as("funding + principal owed").isEqualTo(funding);
        assertThat(l.interestReceived() + l.penaltiesReceived()).isEqualTo(received);
        assertThat(s.balance(l.incomeAccount())).isEqualTo(received);
        assertThat(s.ledgerSum()).as("seed %d day %d: the ledger is balanced", seed, day).isZero();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
