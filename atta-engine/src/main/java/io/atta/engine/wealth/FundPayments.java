package io.atta.engine.wealth;

import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.wealth.FundResults;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.Postings;
import io.atta.engine.shard.UndoLog;

/**
 * Paying with the fund ({@code funding_source: "fund"}, docs/FUND.md "Paying with the fund"):
 * units redeemed fast into the payer's wallet inside the payment's group, under the same rules
 * as a fast redemption (the day's fast limit, the units held). The first fund in code order in
 * the payment's currency whose holding and limit cover the whole amount pays; one payment is
 * never split across funds.
 */
final class FundPayments implements FundingSource {
    private final Funds book;
    private final Postings postings;
    private final FundDays days;
    private final UndoLog undo;

    FundPayments(Funds book, Postings postings, FundDays days, UndoLog undo) {
        this.book = book;
        this.postings = postings;
        this.days = days;
        this.undo = undo;
    }

    @Override
    public void catchUp(long ts) {
        for (Fund f : book.funds.values()) {
            days.rollTo(f, ts);
        }
    }

    @Override
    public Result fund(long userId, long walletId, long amount, int ledger, long reference, long ts) {
        if (postings.statusOf(transferIdFor(reference)) != null) {
            return Result.exists;
        }
        Result refusal = FundResults.insufficient_units;
        for (Fund f : book.funds.values()) {
            Holder h = f.terms.ledger() == ledger ? f.holder(userId) : null;
            if (h == null || h.units < amount) {
                continue;
            }
            long fastToday = h.fastDay == f.openDay ? h.fastRedeemed : 0;
            if (Math.addExact(fastToday, amount) > f.terms.fastRedeemDailyLimit()) {
                refusal = FundResults.fast_redeem_limit_exceeded;
                continue;
            }
            Result r = postings.transfer(new CreateTransfer(transferIdFor(reference), f.holdingsAccount, walletId,
                    amount, ledger, TransferCodes.fundRedemption, 0, 0, 0, reference, 0), ts);
            if (r != Result.ok) {
                return r;
            }
            long unitsBefore = h.units;
            long fastBefore = h.fastRedeemed;
            int dayBefore = h.fastDay;
            h.units -= amount;
            h.fastRedeemed = fastToday + amount;
            h.fastDay = f.openDay;
            undo.add(() -> {
                h.units = unitsBefore;
                h.fastRedeemed = fastBefore;
                h.fastDay = dayBefore;
            });
            return Result.ok;
        }
        return refusal;
    }

    /** The redemption transfer of a payment: derived from the payment, in the shard's home slot. */
    @Override
    public long transferIdFor(long reference) {
        return Fund.transferId(postings.homeSlot(), "fund-pay:" + reference);
    }
}
