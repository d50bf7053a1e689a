package io.atta.engine.lending;

import static io.atta.engine.lending.LoanShard.at;
import static io.atta.engine.lending.LoanShard.day;
import static io.atta.engine.lending.LoanShard.loanId;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.lending.FundLender;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.RepaymentMethod;
import io.atta.core.lending.TakeLoan;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Every result of the loans' commands, the worked example of docs/LOANS.md, and the snapshot. */
class LoanRulesTest {
    private static final RepaymentMethod annuity = RepaymentMethod.equal_installment;
    private static final long t0 = at("2026-01-31T10:00");

    private final LoanShard s = new LoanShard();

    LoanRulesTest() {
        s.lender(t0, 50_000_000);
        s.user(t0, 0, 5_000_000);
        s.scores.put(LoanShard.user(0), 650);
    }

    @Test
    void takingALoanRefusesWhatTheRulesRefuse() {
        long ts = t0 + 1;
        assertThat(s.borrow(ts, 0, "r-1", 1_000_000, 3, annuity)).isEqualTo(Result.ok);
        assertThat(s.borrow(ts, 0, "r-1", 1_000_000, 3, annuity)).isEqualTo(Result.exists);
        assertThat(s.borrow(ts, 0, "r-1", 1_000_001, 3, annuity)).isEqualTo(Result.exists_with_different_fields);
        assertThat(s.borrow(ts, 0, "r-1", 1_000_000, 6, annuity)).isEqualTo(Result.exists_with_different_fields);
        // Band 640-679 lends at most 30,000.00.
        assertThat(s.borrow(ts, 0, "r-2", 3_000_001, 3, annuity)).isEqualTo(LoanResults.loan_limit_exceeded);
        assertThat(s.borrow(ts, 0, "r-3", 99_999, 3, annuity)).isEqualTo(LoanResults.loan_terms_out_of_range);
        assertThat(s.borrow(ts, 0, "r-4", 100_000, 13, annuity)).isEqualTo(LoanResults.loan_terms_out_of_range);
        assertThat(s.borrow(ts, 0, "r-5", 100_000, 0, annuity)).isEqualTo(LoanResults.loan_terms_out_of_range);
        s.scores.put(LoanShard.user(0), 599);
        assertThat(s.borrow(ts, 0, "r-6", 100_000, 3, annuity)).isEqualTo(LoanResults.score_too_low);
        assertThat(s.borrow(ts, 1, "r-7", 100_000, 3, annuity)).isEqualTo(Result.user_not_found);
        s.scores.put(LoanShard.user(0), 900);
        assertThat(s.borrow(ts, 0, "r-8", 30_000_000, 3, annuity)).isEqualTo(Result.ok);
        assertThat(s.borrow(ts, 0, "r-10", 30_000_000, 3, annuity)).isEqualTo(LoanResults.lender_funds_insufficient);
        assertThat(s.one(ts, new TakeLoan(LoanShard.user(0), "r-9", LoanShard.lender + 2, 100_000, 3, annuity)))
                .isEqualTo(LoanResults.lender_not_found);
        // Nothing but r-1 and r-8 moved money.
        assertThat(s.walletBalance(0)).isEqualTo(5_000_000 + 1_000_000 + 30_000_000);
        assertThat(s.reads().lender(LoanShard.lender).exposure()).isEqualTo(31_000_000);
        assertThat(s.reads().lender(LoanShard.lender).available()).isEqualTo(19_000_000);
        assertThat(s.reads().loansOf(LoanShard.user(0), ts)).extracting(LoanView::requestId)
                .containsExactly("r-1", "r-8");
    }

    @Test
    void lenderDepositsAreIdempotentAndNeedTheChannelAndLender() {
        long ts = t0 + 1;
        FundLender d = new FundLender(io.atta.core.Ids.platformId(0, 77), LoanShard.lender, LoanShard.channel, 500,
                LoanShard.cny, "bank-77");
        assertThat(s.one(ts, d)).isEqualTo(Result.ok);
        assertThat(s.one(ts, d)).isEqualTo(Result.exists);
        assertThat(s.one(ts, new FundLender(d.transferId(), d.lenderId(), d.channelId(), 501, d.ledger(),
                d.channelRef()))).isEqualTo(Result.exists_with_different_fields);
        assertThat(s.one(ts, new FundLender(io.atta.core.Ids.platformId(0, 78), LoanShard.lender + 2,
                LoanShard.channel, 500, LoanShard.cny, "bank-78"))).isEqualTo(LoanResults.lender_not_found);
        assertThat(s.one(ts, new FundLender(io.atta.core.Ids.platformId(0, 79), LoanShard.lender,
                LoanShard.channel + 2, 500, LoanShard.cny, "bank-79"))).isEqualTo(Result.channel_not_found);
        assertThat(s.one(ts, new FundLender(io.atta.core.Ids.platformId(0, 80), LoanShard.lender,
                LoanShard.channel, 0, LoanShard.cny, "bank-80"))).isEqualTo(Result.amount_must_not_be_zero);
        assertThat(s.reads().lender(LoanShard.lender).available()).isEqualTo(50_000_500);
    }

    /** docs/LOANS.md's worked example: 10,000.00 over 3 months at 0.05% a day, two days late, then early payoff. */
    @Test
    void workedExample() {
        assertThat(s.borrow(t0, 0, "r-1", 1_000_000, 3, annuity)).isEqualTo(Result.ok);
        long id = loanId(0, "r-1");
        LoanView v = s.loan(id, t0);
        assertThat(v.dailyRate()).isEqualTo(50_000);
        assertThat(v.installments()).extracting(LoanView.InstallmentView::dueDay)
                .containsExactly(day("2026-02-28"), day("2026-03-31"), day("2026-04-30"));
        assertThat(v.installments()).extracting(LoanView.InstallmentView::principal)
                .containsExactly(328_383L, 333_309L, 338_308L);
        assertThat(v.installments()).extracting(LoanView.InstallmentView::interest)
                .containsExactly(15_000L, 10_074L, 5_075L);
        assertThat(v.owedToday()).isZero();

        // Nothing is owed before the due day; on it, the installment; no penalty yet.
        assertThat(s.repay(at("2026-02-20T09:00"), id, "p-0", 100)).isEqualTo(LoanResults.nothing_owed);
        assertThat(s.loan(id, at("2026-02-28T23:00")).owedToday()).isEqualTo(343_383);
        // Two days late: two days of round(328,383 × 0.05% × 1.5) = 246.
        s.tick(at("2026-03-01T00:00"));
        s.tick(at("2026-03-02T00:00"));
        long late = at("2026-03-02T12:00");
        LoanView overdue = s.loan(id, late);
        assertThat(overdue.status()).isEqualTo("overdue");
        assertThat(overdue.installments().get(0).penalty()).isEqualTo(2 * 246);
        assertThat(overdue.owedToday()).isEqualTo(343_383 + 492);
        assertThat(s.repay(late, id, "p-1", 343_383 + 493)).isEqualTo(LoanResults.repayment_exceeds_owed);
        assertThat(s.repay(late, id, "p-1", 0)).isEqualTo(Result.amount_must_not_be_zero);
        // A partial repayment pays the penalty, then the interest, then principal.
        assertThat(s.repay(late, id, "p-1", 20_000)).isEqualTo(Result.ok);
        assertThat(s.repay(late, id, "p-1", 20_000)).isEqualTo(Result.exists);
        assertThat(s.repay(late, id, "p-1", 20_001)).isEqualTo(Result.exists_with_different_fields);
        LoanView.InstallmentView first = s.loan(id, late).installments().get(0);
        assertThat(first.penaltyPaid()).isEqualTo(492);
        assertThat(first.interestPaid()).isEqualTo(15_000);
        assertThat(first.principalPaid()).isEqualTo(20_000 - 492 - 15_000);
        // The next day's penalty is on the principal still unpaid.
        s.tick(at("2026-03-03T00:00"));
        long unpaid = 328_383 - (20_000 - 492 - 15_000);
        long third = io.atta.core.lending.LoanSchedule.dailyPenalty(unpaid, 50_000);
        assertThat(s.loan(id, at("2026-03-03T08:00")).installments().get(0).penalty()).isEqualTo(492 + third);
        assertThat(s.repay(at("2026-03-03T08:00"), id, "p-2", unpaid + third)).isEqualTo(Result.ok);
        assertThat(s.loan(id, at("2026-03-03T08:00")).status()).isEqualTo("active");

        // Prepay on 2026-03-13: 671,617 principal and 12 days' interest from 03-01... from the last due day, 02-28.
        long prepayAt = at("2026-03-13T10:00");
        long interest = io.atta.core.lending.LoanSchedule.interestForDays(671_617, 50_000, 13);
        assertThat(s.loan(id, prepayAt).payoffToday()).isEqualTo(671_617 + interest);
        long wallet = s.walletBalance(0);
        assertThat(s.prepay(prepayAt, id, "pp-1")).isEqualTo(Result.ok);
        assertThat(s.walletBalance(0)).isEqualTo(wallet - 671_617 - interest);
        LoanView done = s.loan(id, prepayAt);
        assertThat(done.status()).isEqualTo("prepaid");
        assertThat(done.outstanding()).isZero();
        assertThat(done.installments()).extracting(LoanView.InstallmentView::interestCharged)
                .containsExactly(15_000L, interest, 0L);
        assertThat(s.prepay(prepayAt, id, "pp-1")).isEqualTo(Result.exists);
        assertThat(s.repay(prepayAt, id, "p-3", 1)).isEqualTo(LoanResults.loan_closed);
        assertThat(s.repay(prepayAt, loanId(0, "nope"), "p-3", 1)).isEqualTo(LoanResults.loan_not_found);

        LenderView l = s.reads().lender(LoanShard.lender);
        assertThat(l.exposure()).isZero();
        assertThat(l.principalRepaid()).isEqualTo(1_000_000);
        assertThat(l.interestReceived()).isEqualTo(15_000 + interest);
        assertThat(l.penaltiesReceived()).isEqualTo(492 + third);
        assertThat(s.balance(l.incomeAccount())).isEqualTo(15_000 + interest + 492 + third);
        assertThat(l.available()).isEqualTo(50_000_000);
        assertThat(s.ledgerSum()).isZero();
    }

    @Test
    void aRepaymentTheWalletCannotCoverChangesNothing() {
        s.user(t0, 1, 0);
        s.scores.put(LoanShard.user(1), 700);
        assertThat(s.borrow(t0, 1, "r-1", 100_000, 1, RepaymentMethod.interest_first)).isEqualTo(Result.ok);
        long id = loanId(1, "r-1");
        // The user spends the loan; on the due day the wallet cannot pay.
        s.apply(t0, new io.atta.core.command.CreateTransfer(io.atta.core.Ids.compose(0, io.atta.core.Ids.firstUserLocalId
                + 5_000_000), LoanShard.wallet(1), LoanShard.wallet(0), 100_000, LoanShard.cny, 1, 0, 0, 0, 0, 0));
        long due = at("2026-02-28T10:00");
        long owed = s.loan(id, due).owedToday();
        assertThat(owed).isEqualTo(100_000 + io.atta.core.lending.LoanSchedule.monthlyInterest(100_000, 40_000));
        assertThat(s.repay(due, id, "p-1", owed)).isEqualTo(Result.insufficient_funds);
        assertThat(s.prepay(due, id, "pp-1")).isEqualTo(Result.insufficient_funds);
        LoanView v = s.loan(id, due);
        assertThat(v.repayments()).isEmpty();
        assertThat(v.installments().get(0).interestCharged()).isEqualTo(v.installments().get(0).interest());
        assertThat(s.reads().lender(LoanShard.lender).exposure()).isEqualTo(100_000);
    }

    /** A clock that jumps 40 days past the due day: one tick accrues all 40 days, each on the unpaid principal. */
    @Test
    void aClockJumpCatchesUpEveryDaysPenalty() {
        assertThat(s.borrow(t0, 0, "r-1", 1_000_000, 1, RepaymentMethod.interest_first)).isEqualTo(Result.ok);
        LendingModule m = s.ledger.module(LendingModule.class);
        assertThat(m.nextDueAt()).isEqualTo(io.atta.core.lending.LoanDays.startOf(day("2026-02-01")));
        s.tick(at("2026-04-09T00:00"));
        long id = loanId(0, "r-1");
        // 1 March to 9 April: 40 days of round(1,000,000 × 0.05% × 1.5) = 750.
        assertThat(s.loan(id, at("2026-04-09T08:00")).installments().get(0).penalty()).isEqualTo(40 * 750);
        assertThat(m.nextDueAt()).isEqualTo(io.atta.core.lending.LoanDays.startOf(day("2026-04-10")));
        // A read a day later sees that day's penalty before its tick; the tick then accrues it once.
        assertThat(s.loan(id, at("2026-04-10T08:00")).installments().get(0).penalty()).isEqualTo(41 * 750);
        s.tick(at("2026-04-10T00:00"));
        s.tick(at("2026-04-10T00:00") + 1);
        assertThat(s.loan(id, at("2026-04-10T08:00")).installments().get(0).penalty()).isEqualTo(41 * 750);
    }

    @Test
    void theSectionIsSnapshottedRestoredAndHashed() throws IOException {
        s.borrow(t0, 0, "r-1", 1_000_000, 6, RepaymentMethod.equal_principal);
        s.tick(at("2026-04-15T00:00"));
        s.repay(at("2026-04-15T09:00"), loanId(0, "r-1"), "p-1", 50_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(s.ledger, new DataOutputStream(bytes));
        ShardLedger b = ShardLedger.standalone(new InMemoryTransferStore());
        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(b.stateHash()).isEqualTo(s.ledger.stateHash());
        LoanView restored = b.module(LendingModule.class).reads().loan(loanId(0, "r-1"), at("2026-04-15T10:00"));
        assertThat(restored).isEqualTo(s.loan(loanId(0, "r-1"), at("2026-04-15T10:00")));
        assertThat(restored.status()).isEqualTo("overdue");
    }
}
