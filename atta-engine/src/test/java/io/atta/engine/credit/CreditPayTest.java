package io.atta.engine.credit;

import static io.atta.engine.credit.CreditShard.at;
import static io.atta.engine.credit.CreditShard.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Funding;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.InstallStatement;
import io.atta.core.credit.RepayCredit;

import org.junit.jupiter.api.Test;

/**
 * Credit pay end to end on one shard: a line sized from the score, a trade paid with credit
 * atomically with its funding, a refund given back to the line first, the statement on the 1st,
 * the minimum by the 9th and the daily charge after it, installments, and refusals that change nothing.
 */
class CreditPayTest {
    private final CreditShard s = new CreditShard();
    private final long created = at("2026-01-05T10:00");
    private final long opened = at("2027-01-06T10:00");

    CreditPayTest() {
        s.merchant(created);
        s.goodUser(created, 0);
        s.user(created, 1, 100);
        s.feedLender(created, 100_000_000);
    }

    @Test
    void aLineIsSizedFromTheScoreAndALowScoreIsRefused() {
        assertThat(s.credit().scoreOf(user(0), opened)).isEqualTo(650);
        assertThat(s.open(opened, 0, false)).isEqualTo(Result.ok);
        CreditLineView line = s.line(0);
        assertThat(line.limit()).isEqualTo(500_000);
        assertThat(line.available()).isEqualTo(500_000);
        assertThat(line.statementDay()).isEqualTo(1);
        assertThat(line.dueDay()).isEqualTo(9);
        assertThat(line.status()).isEqualTo("active");
        assertThat(s.open(opened, 0, false)).as("a repeat").isEqualTo(Result.exists);

        assertThat(s.credit().scoreOf(user(1), opened)).isLessThan(600);
        assertThat(s.open(opened, 1, false)).isEqualTo(CreditResults.score_too_low);
        assertThat(s.line(1)).isNull();
    }

    @Test
    void aPurchaseLendsIntoTheTradeAndARefundGivesTheLineBackFirst() {
        s.open(opened, 0, false);
        long wallet = s.walletAvailable(0);
        long lender = s.lender();
        long t1 = s.nextTradeNo();
        assertThat(s.payWithCredit(opened, 0, t1, 10_000)).isEqualTo(Result.ok);
        assertThat(s.walletAvailable(0)).as("the trade holds what the line lent").isEqualTo(wallet);
        assertThat(s.lender()).isEqualTo(lender - 10_000);
        assertThat(s.line(0).used()).isEqualTo(10_000);
        assertThat(s.line(0).available()).isEqualTo(490_000);

        assertThat(s.refund(opened + 1_000, t1, 1, 4_000)).isEqualTo(Result.ok);
        assertThat(s.line(0).used()).isEqualTo(6_000);
        assertThat(s.lender()).isEqualTo(lender - 6_000);
        assertThat(s.walletAvailable(0)).as("the refund went to the line").isEqualTo(wallet);
        assertThat(s.balanced()).isTrue();
    }

    @Test
    void refusalsChangeNothing() {
        long t1 = s.nextTradeNo();
        assertThat(s.payWithCredit(opened, 0, t1, 10_000)).as("no line").isEqualTo(CreditResults.credit_line_not_found);
        s.open(opened, 0, false);
        long wallet = s.walletBalance(0);
        long lender = s.lender();
        assertThat(s.payWithCredit(opened, 0, s.nextTradeNo(), 500_001)).isEqualTo(CreditResults.credit_limit_exceeded);
        assertThat(s.walletBalance(0)).isEqualTo(wallet);
        assertThat(s.lender()).isEqualTo(lender);
        assertThat(s.line(0).used()).isZero();
        assertThat(s.pay(opened, 0, s.nextTradeNo(), 10_000, Funding.wallet.code())).isEqualTo(Result.ok);
        assertThat(s.line(0).used()).as("a wallet payment").isZero();
    }

    @Test
    void theStatementBillsOnTheFirstAndChargesDailyAfterTheDueDate() {
        s.open(opened, 0, false);
        s.payWithCredit(opened, 0, s.nextTradeNo(), 6_000);
        s.tick(at("2027-02-01T00:00"));
        StatementView st = s.credit().statement(user(0), 202702);
        assertThat(st.amount()).isEqualTo(6_000);
        assertThat(st.minimum()).isEqualTo(600);
        assertThat(st.status()).isEqualTo("open");
        assertThat(st.rows()).hasSize(1);

        assertThat(s.one(at("2027-02-09T20:00"), new RepayCredit(user(0), "r1", 600, false))).isEqualTo(Result.ok);
        s.tick(at("2027-02-12T00:00"));
        st = s.credit().statement(user(0), 202702);
        long daily = Math.round(5_400 * 0.0005);
        assertThat(st.charges()).as("the 9th, 10th and 11th ended unpaid").isEqualTo(3 * daily);
        assertThat(st.status()).isEqualTo("minimum_paid");
        assertThat(s.line(0).status()).isEqualTo("active");
        assertThat(s.line(0).used()).isEqualTo(5_400 + 3 * daily);

        assertThat(s.one(at("2027-02-12T10:00"), new RepayCredit(user(0), "r2", 5_400 + 3 * daily + 1, false)))
                .isEqualTo(CreditResults.repayment_exceeds_owed);
        assertThat(s.one(at("2027-02-12T10:00"), new RepayCredit(user(0), "r2", 5_400 + 3 * daily, false)))
                .isEqualTo(Result.ok);
        assertThat(s.credit().statement(user(0), 202702).status()).isEqualTo("paid");
        assertThat(s.line(0).used()).isZero();
        assertThat(s.balanced()).isTrue();
    }

    @Test
    void aStatementBecomesInstallmentsWithTheSpecFee() {
        s.open(opened, 0, false);
        s.payWithCredit(opened, 0, s.nextTradeNo(), 100_001);
        s.tick(at("2027-02-01T00:00"));
        assertThat(s.one(at("2027-02-02T10:00"), new InstallStatement(user(0), 202702, 5)))
                .isEqualTo(CreditResults.installment_months_invalid);
        assertThat(s.one(at("2027-02-02T10:00"), new InstallStatement(user(0), 202702, 3))).isEqualTo(Result.ok);
        long fee = Math.round(100_001 * 0.025);
        StatementView st = s.credit().statement(user(0), 202702);
        assertThat(st.amount()).isEqualTo(100_001 / 3 + fee / 3);
        assertThat(st.schedule()).extracting(StatementView.Part::principal)
                .containsExactly(33_333L, 33_333L, 33_335L);
        assertThat(st.schedule()).extracting(StatementView.Part::fee).containsExactly(833L, 833L, 834L);
        assertThat(s.line(0).used()).isEqualTo(100_001 + fee);

        s.tick(at("2027-03-01T00:00"));
        StatementView march = s.credit().statement(user(0), 202703);
        assertThat(march).isNotNull();
        assertThat(march.amount()).as("part 2 billed, part 1 still owed on February's").isEqualTo(33_333 + 833);
    }
}
