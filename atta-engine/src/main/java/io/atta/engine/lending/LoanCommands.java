package io.atta.engine.lending;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.lending.CreateLender;
import io.atta.core.lending.FundLender;
import io.atta.core.lending.LoanDays;
import io.atta.core.lending.LoanLimits;
import io.atta.core.lending.LoanRateTable;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.TakeLoan;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.Postings;

import java.util.function.LongPredicate;

/**
 * Lenders and the taking of loans (docs/LOANS.md); repayments are {@link LoanRepayments}. Money
 * moves only through the ledger's {@link Postings}, each command's transfers as one group.
 */
final class LoanCommands {
    private final LoanBook book;
    private final LedgerModule ledger;
    private final Postings postings;
    private final CreditScores scores;
    private final LongPredicate channelExists;

    LoanCommands(LoanBook book, LedgerModule ledger, CreditScores scores,
                 LongPredicate channelExists) {
        this.book = book;
        this.ledger = ledger;
        this.postings = ledger.postings();
        this.scores = scores;
        this.channelExists = channelExists;
    }

    Result createLender(CreateLender c, long ts) {
        if (c.lenderId() == 0) {
            return Result.id_must_not_be_zero;
        }
        Lender existing = book.lenders.get(c.lenderId());
        if (existing != null) {
            return existing.name.equals(c.name()) && existing.ledger == c.ledger() ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (!Ids.isUserRange(c.lenderId())) {
            return Result.account_id_reserved;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        Lender l = new Lender(c.lenderId(), c.name(), c.ledger(), ts, postings.homeSlot());
        postings.begin();
        boolean opened = postings.openPlatformAccount(l.fundingAccount, c.ledger(), TransferCodes.lenderAccount,
                AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, c.lenderId(), ts)
                && postings.openPlatformAccount(l.incomeAccount, c.ledger(), TransferCodes.lenderAccount,
                AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, c.lenderId(), ts);
        if (!opened) {
            postings.rollBack();
            postings.end();
            return Result.exists_with_different_fields;
        }
        postings.end();
        book.lenders.put(c.lenderId(), l);
        return Result.ok;
    }

    /** A channel's deposit for the lender: its clearing account on this shard to the lender's funding here. */
    Result fundLender(FundLender f, long ts) {
        if (f.transferId() <= 0) {
            return f.transferId() == 0 ? Result.id_must_not_be_zero : Result.transfer_id_reserved;
        }
        Lender l = book.lenders.get(f.lenderId());
        if (l == null) {
            return LoanResults.lender_not_found;
        }
        Lender.LenderDeposit seen = l.deposits.get(f.transferId());
        if (seen != null) {
            return seen.channelId() == f.channelId() && seen.amount() == f.amount() && l.ledger == f.ledger()
                    && seen.channelRef().equals(f.channelRef()) ? Result.exists : Result.exists_with_different_fields;
        }
        if (!channelExists.test(f.channelId())) {
            return Result.channel_not_found;
        }
        if (f.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        long clearing = ChannelAccounts.clearingId(f.channelId(), postings.homeSlot());
        if (l.ledger != f.ledger() || postings.ledgerOf(clearing) != f.ledger()) {
            return Result.currency_mismatch;
        }
        Result r = alone(new CreateTransfer(f.transferId(), clearing, l.fundingAccount, f.amount(), f.ledger(),
                TransferCodes.lenderDeposit, 0, 0, 0, f.lenderId(), 0), ts);
        if (r == Result.ok) {
            l.deposited = Math.addExact(l.deposited, f.amount());
            l.deposits.put(f.transferId(), new Lender.LenderDeposit(f.transferId(), f.channelId(), f.amount(),
                    f.channelRef(), ts));
        }
        return r;
    }

    Result takeLoan(TakeLoan t, long ts) {
        if (t.userId() <= 0 || !postings.ownsSlot(Ids.slotOf(t.userId()))) {
            return Result.accounts_on_different_shards;
        }
        long loanId = loanId(t.userId(), t.requestId());
        Loan seen = book.loans.get(loanId);
        if (seen != null) {
            boolean same = seen.terms.userId() == t.userId() && seen.terms.requestId().equals(t.requestId())
                    && seen.terms.amount() == t.amount() && seen.terms.months() == t.months()
                    && seen.terms.method() == t.method() && (t.lenderId() == 0 || t.lenderId() == seen.lenderId);
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        long wallet = postings.walletOf(t.userId());
        if (wallet == 0) {
            return Result.user_not_found;
        }
        if (t.amount() < LoanLimits.minPrincipal || t.amount() > LoanLimits.maxPrincipal
                || t.months() < LoanLimits.minMonths || t.months() > LoanLimits.maxMonths) {
            return LoanResults.loan_terms_out_of_range;
        }
        int score = scores.scoreOf(t.userId(), ts);
        LoanRateTable.Band band = LoanRateTable.bandOf(score);
        if (band == null) {
            return LoanResults.score_too_low;
        }
        if (t.amount() > band.maxPrincipal()) {
            return LoanResults.loan_limit_exceeded;
        }
        int ledgerOfWallet = postings.ledgerOf(wallet);
        Lender l = lenderFor(t, ledgerOfWallet);
        if (l == null) {
            return t.lenderId() == 0 || book.lenders.containsKey(t.lenderId()) ? LoanResults.lender_funds_insufficient
                    : LoanResults.lender_not_found;
        }
        if (l.ledger != ledgerOfWallet) {
            return LoanResults.loan_currency_mismatch;
        }
        if (balance(l.fundingAccount) < t.amount()) {
            return LoanResults.lender_funds_insufficient;
        }
        int day = LoanDays.dayAt(ts);
        Loan loan = new Loan(loanId, t, l.lenderId, l.ledger, score, LoanRateTable.version, band.dailyRate(), ts, day);
        Result r = alone(new CreateTransfer(transferId(loan, "disburse"), l.fundingAccount, wallet, t.amount(),
                l.ledger, TransferCodes.loanDisbursement, 0, 0, 0, loanId, 0), ts);
        if (r != Result.ok) {
            return r;
        }
        l.exposure = Math.addExact(l.exposure, t.amount());
        l.disbursed = Math.addExact(l.disbursed, t.amount());
        l.loans++;
        book.add(loan);
        book.day = Math.max(book.day, day);
        return Result.ok;
    }

    /** The named lender, or (none named) the first by id in the wallet's currency with funding for the loan here. */
    private Lender lenderFor(TakeLoan t, int ledgerOfWallet) {
        if (t.lenderId() != 0) {
            return book.lenders.get(t.lenderId());
        }
        for (Lender l : book.lenders.values()) {
            if (l.ledger == ledgerOfWallet && balance(l.fundingAccount) >= t.amount()) {
                return l;
            }
        }
        return null;
    }

    /** A loan's id: derived from its borrower and request id, in the borrower's slot (so it names its shard). */
    static long loanId(long userId, String requestId) {
        return DerivedIds.platformId(Ids.slotOf(userId), "loan:" + userId + ":" + requestId);
    }

    /** The id of one of the loan's transfers, in the borrower's slot. */
    static long transferId(Loan loan, String key) {
        return transferId(loan.loanId, key);
    }

    static long transferId(long loanId, String key) {
        return DerivedIds.platformId(Ids.slotOf(loanId), "loan-transfer:" + loanId + ":" + key);
    }

    private long balance(long accountId) {
        AccountState a = ledger.account(accountId);
        return a == null ? 0 : a.balance();
    }

    /** One transfer as its own group: it stands, or nothing changed. */
    private Result alone(CreateTransfer t, long ts) {
        postings.begin();
        Result r = postings.transfer(t, ts);
        if (r != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        return r;
    }
}
