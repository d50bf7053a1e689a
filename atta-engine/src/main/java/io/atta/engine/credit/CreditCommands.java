package io.atta.engine.credit;

import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Funding;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.credit.AdjustCreditLender;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.CreditTerms;
import io.atta.core.credit.InstallStatement;
import io.atta.core.credit.OpenCreditLine;
import io.atta.core.credit.RepayCredit;
import io.atta.core.credit.SetAutoRepay;
import io.atta.core.credit.SetKyc;
import io.atta.core.credit.UseScoreModel;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.Postings;

/**
 * Credit's commands (docs/CREDIT.md): KYC, opening a line, repayments, installments, automatic
 * repayment, the lender account and the scorecard in use. The module brings its clock to the
 * command's time first ({@link CreditDays#rollTo}); money moves only through the ledger's
 * {@link Postings}, in a group that changes the module's state only once it stands.
 */
final class CreditCommands {
    private final CreditBook book;
    private final Postings postings;
    private final CreditScores scores;

    CreditCommands(CreditBook book, Postings postings, CreditScores scores) {
        this.book = book;
        this.postings = postings;
        this.scores = scores;
    }

    Result setKyc(SetKyc k, long ts) {
        Result r = userHere(k.userId());
        if (r != Result.ok) {
            return r;
        }
        if (k.level() < 0 || k.level() > SetKyc.maxLevel) {
            return CreditResults.kyc_level_invalid;
        }
        book.profile(k.userId()).kyc = k.level();
        scores.record(k.userId(), ts);
        return Result.ok;
    }

    Result open(OpenCreditLine o, long ts) {
        Result r = userHere(o.userId());
        if (r != Result.ok) {
            return r;
        }
        CreditLine existing = book.lines.get(o.userId());
        if (existing != null) {
            return existing.requestId.equals(o.requestId()) ? Result.exists : Result.exists_with_different_fields;
        }
        if (o.statementDay() < 1 || o.statementDay() > CreditTerms.maxStatementDay) {
            return CreditResults.statement_day_invalid;
        }
        Score score = scores.record(o.userId(), ts);
        if (score.score() < CreditTerms.minScoreForLine) {
            return CreditResults.score_too_low;
        }
        long wallet = postings.walletOf(o.userId());
        int ledger = postings.ledgerOf(wallet);
        postings.begin();
        LenderAccounts.ensure(postings, ledger, ts);
        postings.end();
        CreditLine line = new CreditLine(o.userId(), wallet, ledger, o.requestId(), ts, o.statementDay());
        line.limit = CreditTerms.limitFor(score.score());
        line.autoRepay = o.autoRepay();
        book.lines.put(o.userId(), line);
        return Result.ok;
    }

    Result repay(RepayCredit c, long ts) {
        CreditLine line = book.lines.get(c.userId());
        if (line == null) {
            return userHere(c.userId()) == Result.ok ? CreditResults.credit_line_not_found : userHere(c.userId());
        }
        long[] seen = line.repayments.get(c.requestId());
        if (seen != null) {
            return seen[0] == c.amount() && seen[1] == (c.fromFund() ? 1 : 0) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (c.amount() > line.repayable()) {
            return CreditResults.repayment_exceeds_owed;
        }
        String key = "credit-repay:" + c.userId() + ":" + c.requestId();
        FundingSource fund = c.fromFund() ? postings.fundingSource(Funding.fund.code()) : null;
        if (c.fromFund() && fund == null) {
            return Result.funding_source_unsupported;
        }
        if (fund != null) {
            fund.catchUp(ts);
        }
        postings.begin();
        Result r = fund == null ? Result.ok
                : fund.fund(c.userId(), line.walletId, c.amount(), line.ledger, DerivedIds.of(key), ts);
        if (r == Result.ok) {
            r = postings.transfer(new CreateTransfer(DerivedIds.platformId(postings.homeSlot(), key), line.walletId,
                    LenderAccounts.id(postings.homeSlot(), line.ledger), c.amount(), line.ledger,
                    TransferCodes.creditRepayment, 0, 0, 0, 0, 0), ts);
        }
        if (r != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        if (r != Result.ok) {
            return r;
        }
        line.apply(c.amount(), false);
        line.repayments.put(c.requestId(), new long[] {c.amount(), c.fromFund() ? 1 : 0, ts});
        scores.record(c.userId(), ts);
        return Result.ok;
    }

    Result install(InstallStatement i, long ts) {
        CreditLine line = book.lines.get(i.userId());
        if (line == null) {
            return CreditResults.credit_line_not_found;
        }
        Statement s = line.statements.get(i.period());
        if (s == null) {
            return CreditResults.statement_not_found;
        }
        if (!CreditTerms.installmentMonths(i.months())) {
            return CreditResults.installment_months_invalid;
        }
        if (s.installedMonths == i.months()) {
            return Result.exists;
        }
        if (s.installedMonths != 0 || CreditCalendar.dayAt(ts) > s.dueDay || s.credited() != 0 || s.charges != 0
                || s.hasInstallmentRows()) {
            return CreditResults.statement_not_installable;
        }
        long principal = s.amount;
        Plan plan = new Plan(s.period, principal, CreditTerms.installmentFee(principal, i.months()), i.months());
        plan.billed = 1;
        long first = plan.principalOf(1) + plan.feeOf(1);
        s.amount = first;
        s.billedOwed = first;
        s.minimum = CreditTerms.minimum(first);
        s.installedMonths = i.months();
        s.planPrincipal = plan.principal;
        s.planFee = plan.fee;
        s.rows.add(new Statement.Row(Statement.Row.installment, s.period, plan.principalOf(1), plan.feeOf(1), 1,
                i.months()));
        if (plan.months > 1) {
            line.plans.add(plan);
        }
        line.used += plan.fee;
        return Result.ok;
    }

    Result setAutoRepay(SetAutoRepay a) {
        CreditLine line = book.lines.get(a.userId());
        if (line == null) {
            return CreditResults.credit_line_not_found;
        }
        line.autoRepay = a.enabled();
        return Result.ok;
    }

    Result adjustLender(AdjustCreditLender a, long ts) {
        Currency currency = Currency.ofLedger(a.ledger());
        if (currency == null) {
            return Result.currency_mismatch;
        }
        if (a.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        long id = DerivedIds.platformId(postings.homeSlot(), "credit-lender-adjust:" + a.requestId());
        if (postings.statusOf(id) != null) {
            return Result.exists;
        }
        long bank = HouseAccount.bankFunding.id(postings.homeSlot(), currency);
        long lender = LenderAccounts.id(postings.homeSlot(), a.ledger());
        postings.begin();
        LenderAccounts.ensure(postings, a.ledger(), ts);
        Result r = postings.transfer(new CreateTransfer(id, a.credit() ? bank : lender, a.credit() ? lender : bank,
                a.amount(), a.ledger(), a.credit() ? TransferCodes.creditLenderFunding
                        : TransferCodes.creditLenderDefunding, 0, 0, 0, 0, 0), ts);
        if (r != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        return r;
    }

    Result useModel(UseScoreModel u) {
        if (!scores.knows(u.version())) {
            return CreditResults.score_model_unknown;
        }
        if (book.modelVersion == u.version()) {
            return Result.exists;
        }
        book.modelVersion = u.version();
        return Result.ok;
    }

    private Result userHere(long userId) {
        if (userId <= 0 || !postings.ownsSlot(Ids.slotOf(userId))) {
            return Result.accounts_on_different_shards;
        }
        return postings.userExists(userId) ? Result.ok : Result.user_not_found;
    }
}
