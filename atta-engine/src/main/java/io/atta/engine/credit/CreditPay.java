package io.atta.engine.credit;

import io.atta.core.DerivedIds;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.Postings;
import io.atta.engine.shard.UndoLog;
import io.atta.engine.trade.TradeModule;
import io.atta.engine.trade.OrderView;

import java.util.ArrayList;
import java.util.List;

/**
 * Paying with credit ({@code funding_source: "credit_pay"}, docs/CREDIT.md "Credit pay"): the
 * lender account lends the amount into the buyer's wallet inside the payment's group, and the
 * line records the purchase; a refund of a purchase gives the line back first (wallet to lender,
 * at most what the purchase still owes), the rest stays in the wallet.
 */
final class CreditPay implements FundingSource {
    private final CreditBook book;
    private final Postings postings;
    private final CreditDays days;
    private final UndoLog undo;
    private final TradeModule trades;

    CreditPay(CreditBook book, Postings postings, CreditDays days, UndoLog undo, TradeModule trades) {
        this.book = book;
        this.postings = postings;
        this.days = days;
        this.undo = undo;
        this.trades = trades;
    }

    @Override
    public void catchUp(long ts) {
        days.rollTo(ts);
    }

    @Override
    public Result fund(long userId, long walletId, long amount, int ledger, long reference, long ts) {
        long id = transferIdFor(reference);
        if (postings.statusOf(id) != null) {
            return Result.exists;
        }
        CreditLine line = book.lines.get(userId);
        if (line == null) {
            return CreditResults.credit_line_not_found;
        }
        if (line.ledger != ledger) {
            return Result.currency_mismatch;
        }
        if (line.status().equals("frozen")) {
            return CreditResults.credit_line_frozen;
        }
        if (amount > line.available()) {
            return CreditResults.credit_limit_exceeded;
        }
        long lender = LenderAccounts.id(postings.homeSlot(), ledger);
        if (!postings.accountExists(lender)) {
            return CreditResults.lender_funds_insufficient;
        }
        Result r = postings.transfer(new CreateTransfer(id, lender, walletId, amount, ledger,
                TransferCodes.creditPurchase, 0, 0, 0, reference, 0), ts);
        if (r == Result.insufficient_funds) {
            return CreditResults.lender_funds_insufficient;
        }
        if (r != Result.ok) {
            return r;
        }
        int day = CreditCalendar.dayAt(ts);
        Purchase p = new Purchase(reference, amount, day);
        line.purchases.put(reference, p);
        line.unbilled.add(p);
        line.used += amount;
        Profile profile = book.profile(userId);
        int purchasesBefore = profile.purchases;
        int maskBefore = profile.activeMask;
        int monthBefore = profile.lastActiveMonth;
        int merchantsBefore = profile.merchantCount;
        profile.purchases++;
        profile.activeIn(CreditCalendar.monthIndex(day));
        long merchant = merchantOf(reference);
        if (merchant != 0) {
            profile.addMerchant(merchant);
        }
        undo.add(() -> {
            line.purchases.remove(reference);
            line.unbilled.remove(line.unbilled.size() - 1);
            line.used -= amount;
            profile.purchases = purchasesBefore;
            profile.activeMask = maskBefore;
            profile.lastActiveMonth = monthBefore;
            profile.merchantCount = merchantsBefore;
        });
        return Result.ok;
    }

    /**
     * The merchant of the trade a purchase paid, or 0 (a P2P payment's reference is a transfer id).
     * The order, not the trade: a trade being paid is not in the book yet, and looking for it would
     * search the archive on every payment.
     */
    private long merchantOf(long reference) {
        OrderView o = trades == null ? null : trades.book().order(reference);
        return o == null ? 0 : o.merchantId();
    }

    @Override
    public void givenBack(long userId, long walletId, long amount, int ledger, long reference, long ts) {
        CreditLine line = book.lines.get(userId);
        Purchase p = line == null ? null : line.purchases.get(reference);
        if (p == null || line.ledger != ledger) {
            return;
        }
        long take = Math.min(amount, p.amount - p.givenBack);
        take = Math.min(take, p.period == 0 ? p.unbilledOwed() : line.repayable());
        if (take <= 0) {
            return;
        }
        long lender = LenderAccounts.id(postings.homeSlot(), ledger);
        Result r = postings.transfer(new CreateTransfer(
                DerivedIds.platformId(postings.homeSlot(), "credit-back:" + reference + ":" + p.givenBack), walletId,
                lender, take, ledger, TransferCodes.creditGiveBack, 0, 0, 0, reference, 0), ts);
        if (r != Result.ok) {
            // The refund just put at least this much into the wallet; should the ledger still refuse,
            // the money stays in the wallet and the line keeps its debt: nothing is half done.
            return;
        }
        Runnable restore = LineMemento.capture(line);
        Profile profile = book.profile(userId);
        int refundedBefore = profile.refundedPurchases;
        if (p.givenBack == 0) {
            profile.refundedPurchases++;
        }
        long givenBefore = p.givenBack;
        if (p.period == 0) {
            line.used -= take;
        } else {
            line.apply(take, true);
        }
        p.givenBack += take;
        undo.add(() -> {
            restore.run();
            p.givenBack = givenBefore;
            profile.refundedPurchases = refundedBefore;
        });
    }

    /** The lending transfer of a payment: derived from the payment, in the shard's home slot. */
    @Override
    public long transferIdFor(long reference) {
        return DerivedIds.platformId(postings.homeSlot(), "credit-pay:" + reference);
    }

    /** The lines' amounts a give-back may change, to be put back if the group rolls back. */
    static final class LineMemento {
        private LineMemento() {
        }

        static Runnable capture(CreditLine line) {
            long used = line.used;
            List<Runnable> back = new ArrayList<>();
            for (Statement s : line.statements.values()) {
                if (s.owed() > 0) {
                    long billed = s.billedOwed;
                    long charges = s.chargesOwed;
                    long repaid = s.repaid;
                    long refunded = s.refunded;
                    back.add(() -> {
                        s.billedOwed = billed;
                        s.chargesOwed = charges;
                        s.repaid = repaid;
                        s.refunded = refunded;
                    });
                }
            }
            for (Purchase p : line.unbilled) {
                long early = p.repaidEarly;
                back.add(() -> p.repaidEarly = early);
            }
            return () -> {
                line.used = used;
                back.forEach(Runnable::run);
            };
        }
    }
}
