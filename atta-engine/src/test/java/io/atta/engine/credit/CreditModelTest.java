package io.atta.engine.credit;

import static io.atta.engine.credit.CreditShard.at;
import static io.atta.engine.credit.CreditShard.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.InstallStatement;
import io.atta.core.credit.RepayCredit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twelve months of credit pay on one shard against {@link CreditReference}, a naive model of the
 * spec's rules, with the test clock: seeded purchases (some over the limit), partial refunds,
 * statements, installments of 3 to 12 months, repayments in full, minimum then rest, late, by
 * auto-repay, partial ones at random, and one user who never pays (late, default, frozen). After
 * every day: each statement's amount, minimum, charges and what it owes, and each line's used and
 * repayable, equal the reference's to the fen; the ledger balances after every batch; and the
 * lender's balance plus what users owe, less every charge and fee, stays what the lender was fed.
 */
class CreditModelTest {
    private static final int users = 12;
    private static final long funding = 1_000_000_000;

    private static final class Buy {
        final long tradeNo;
        final long amount;
        long refunded;

        Buy(long tradeNo, long amount) {
            this.tradeNo = tradeNo;
            this.amount = amount;
        }
    }

    /** 0 pays in full on the 5th, 1 the minimum on the 8th and the rest on the 20th, 2 in full on the 16th (late), 3 by auto-repay, 4 never. */
    private static int kind(int user) {
        return user == users - 1 ? 4 : user % 4;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 20261207})
    void twelveMonthsOfCreditPayAgreeWithTheReference(long seed) {
        Random rnd = new Random(seed);
        CreditShard s = new CreditShard();
        long created = at("2026-01-05T10:00");
        s.merchant(created);
        s.feedLender(created, funding);
        List<CreditReference> refs = new ArrayList<>();
        List<List<Buy>> buys = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            s.goodUser(created, i);
            s.topUp(created, i, 50_000_000);
            refs.add(new CreditReference(kind(i) == 3));
            buys.add(new ArrayList<>());
        }
        LocalDate day = LocalDate.parse("2027-01-06");
        for (int i = 0; i < users; i++) {
            assertThat(s.open(CreditShard.at(day, 10), i, kind(i) == 3)).isEqualTo(Result.ok);
        }
        long refundIds = 1;
        String why = "seed " + seed;
        for (day = day.plusDays(1); day.isBefore(LocalDate.parse("2028-01-12")); day = day.plusDays(1)) {
            for (CreditReference r : refs) {
                r.endOf(day.minusDays(1));
                r.startOf(day);
            }
            s.tick(CreditShard.at(day, 0) + 30_000_000_000L);
            long ts = CreditShard.at(day, 10);
            for (int i = 0; i < users; i++) {
                CreditReference ref = refs.get(i);
                ts += 1_000_000_000L;
                if (rnd.nextInt(4) == 0) {
                    long amount = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 600_000 : 30_000);
                    long tradeNo = s.nextTradeNo();
                    Result expected = ref.frozen() ? CreditResults.credit_line_frozen
                            : amount > s.line(i).limit() - ref.used() ? CreditResults.credit_limit_exceeded : Result.ok;
                    assertThat(s.payWithCredit(ts, i, tradeNo, amount)).as("%s %s user %d buys %d", why, day, i, amount)
                            .isEqualTo(expected);
                    if (expected == Result.ok) {
                        ref.buy(tradeNo, amount, day);
                        buys.get(i).add(new Buy(tradeNo, amount));
                    }
                }
                if (rnd.nextInt(12) == 0 && !buys.get(i).isEmpty()) {
                    Buy b = buys.get(i).get(rnd.nextInt(buys.get(i).size()));
                    if (b.amount > b.refunded) {
                        long amount = 1 + (long) rnd.nextInt((int) (b.amount - b.refunded));
                        assertThat(s.refund(ts, b.tradeNo, refundIds++, amount)).as("%s %s refund", why, day)
                                .isEqualTo(Result.ok);
                        b.refunded += amount;
                        ref.refund(b.tradeNo, amount);
                    }
                }
                if (day.getDayOfMonth() == 2 && rnd.nextInt(3) == 0) {
                    int months = new int[] {3, 6, 9, 12}[rnd.nextInt(4)];
                    int period = day.getYear() * 100 + day.getMonthValue();
                    boolean installable = ref.install(day.withDayOfMonth(1), day, months);
                    Result r = s.one(ts, new InstallStatement(user(i), period, months));
                    assertThat(r == Result.ok).as("%s %s user %d installs: %s", why, day, i, r).isEqualTo(installable);
                }
                long repay = repayment(kind(i), day, ref, rnd);
                if (repay > 0) {
                    assertThat(s.one(ts, new RepayCredit(user(i), "p-" + day + "-" + i, repay, false)))
                            .as("%s %s user %d repays %d", why, day, i, repay).isEqualTo(Result.ok);
                    ref.pay(repay);
                }
            }
            assertThat(s.balanced()).as("%s %s", why, day).isTrue();
            compare(s, refs, why + " " + day);
        }
        assertThat(refs.get(users - 1).frozen()).as("the user who never pays").isTrue();
        assertThat(refs.stream().flatMap(r -> r.statements.values().stream()).filter(st -> st.months > 0))
                .as("statements in installments").isNotEmpty();
        assertThat(refs.stream().flatMap(r -> r.statements.values().stream()).filter(st -> st.charges > 0))
                .as("statements with overdue charges").hasSizeGreaterThan(users);
        assertThat(s.line(users - 1).status()).isEqualTo("frozen");
    }

    /** What a user of {@code kind} repays today, by the reference's amounts. */
    private static long repayment(int kind, LocalDate day, CreditReference ref, Random rnd) {
        int dom = day.getDayOfMonth();
        long owed = ref.repayable();
        if (kind == 0 && dom == 5 || kind == 1 && dom == 20 || kind == 2 && dom == 16) {
            return owed;
        }
        if (kind == 1 && dom == 8) {
            CreditReference.Stmt st = ref.statements.get(day.withDayOfMonth(1));
            return st == null ? 0 : Math.max(0, Math.min(owed, st.minimum - st.credited));
        }
        if (kind != 4 && owed > 1 && rnd.nextInt(20) == 0) {
            return 1 + (long) (rnd.nextDouble() * (owed - 1));
        }
        return 0;
    }

    private static void compare(CreditShard s, List<CreditReference> refs, String why) {
        long used = 0;
        long charged = 0;
        for (int i = 0; i < users; i++) {
            CreditReference ref = refs.get(i);
            CreditLineView line = s.line(i);
            assertThat(line.used()).as("%s user %d used", why, i).isEqualTo(ref.used());
            assertThat(line.repayable()).as("%s user %d repayable", why, i).isEqualTo(ref.repayable());
            List<StatementView> statements = s.credit().statements(user(i));
            assertThat(statements).as("%s user %d statements", why, i).hasSize(ref.statements.size());
            int n = 0;
            for (CreditReference.Stmt st : ref.statements.values()) {
                StatementView v = statements.get(n++);
                String what = why + " user " + i + " statement " + v.period();
                assertThat(v.day()).as(what).isEqualTo((int) st.date.toEpochDay());
                assertThat(v.amount()).as(what + " amount").isEqualTo(st.amount);
                assertThat(v.minimum()).as(what + " minimum").isEqualTo(st.minimum);
                assertThat(v.charges()).as(what + " charges").isEqualTo(st.charges);
                assertThat(v.owed()).as(what + " owed").isEqualTo(st.owed());
                assertThat(v.repaid() + v.refunded()).as(what + " credited").isEqualTo(st.credited);
            }
            used += ref.used();
            charged += ref.charged;
        }
        assertThat(s.lender() + used - charged).as("%s: lender + outstanding - charges", why).isEqualTo(funding);
    }
}
