package io.atta.engine.trade;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.Postings;

/**
 * A trade's money on the buyer's shard (docs/TRADES.md, "Money"): the hold, its release to the
 * seller net of the fee, and refunds, each one group of transfers that stands or falls whole.
 * The trade's own fields that count money ({@code held}, {@code released}, {@code refunded},
 * {@code fee}) change here and nowhere else; its status and events are the rules' business.
 *
 * <p>Trade transfers have ids in the platform's range ({@link Ids#platformId}) in the buyer's
 * slot, derived from the trade number and a counter: they never meet a caller's transfer id, and
 * {@code GET /v1/transfers/{id}} finds them on the buyer's shard by the id alone. Each carries
 * the trade number as its user data.
 */
public final class TradeMoney {
    public static final int holdCode = TransferCodes.tradeHold;
    public static final int releaseCode = TransferCodes.tradeRelease;
    public static final int feeCode = TransferCodes.tradeFee;
    public static final int refundCode = TransferCodes.tradeRefund;
    public static final int feeRefundCode = TransferCodes.tradeFeeRefund;
    /** The account code of a merchant's receivable on a buyer's shard. */
    public static final int receivableCode = TransferCodes.merchantReceivableAccount;

    private final TradeBook book;
    private final Postings postings;
    private final java.util.List<TradeHook> hooks = new java.util.ArrayList<>();

    TradeMoney(TradeBook book, Postings postings) {
        this.book = book;
        this.postings = postings;
    }

    void addHook(TradeHook hook) {
        hooks.add(hook);
    }

    /**
     * Holds the trade's amount: a pending transfer from the buyer's wallet to escrow, made on the
     * buyer's authority, so the ledger checks that the wallet is the buyer's and has the money.
     * Changes nothing when refused.
     */
    Result hold(Trade t, FundingSource source, long ts) {
        long holdId = transferId(t);
        if (source != null) {
            source.catchUp(ts);
        }
        postings.begin();
        // A source other than the wallet puts the amount into the wallet first, in the same group:
        // the payment and its funding stand or fall together.
        Result r = source == null ? Result.ok
                : source.fund(t.buyerUserId, t.buyerWalletId, t.amount, t.ledger, t.tradeNo, ts);
        if (r == Result.ok) {
            r = postings.transfer(new CreateTransfer(holdId, t.buyerWalletId, escrow(t), t.amount, t.ledger,
                    holdCode, TransferFlags.pending, 0, 0, t.tradeNo, t.buyerUserId), ts);
        }
        // Products sold with the trade (insurance) post in the same group, or refuse the payment.
        for (int i = 0; i < hooks.size() && r == Result.ok; i++) {
            r = hooks.get(i).paid(new HookedTrade(t, this, ts), ts);
        }
        if (r != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        if (r == Result.ok) {
            t.holdId = holdId;
            t.held = t.amount;
        }
        return r;
    }

    /**
     * Releases the hold to the seller: posts it to escrow, then moves escrow to the merchant's
     * receivable (less the fee) and to the fee account.
     */
    void release(Trade t, long ts) {
        long held = t.held;
        long fee = fee(held, t.feeRatePpm);
        long receivable = receivableOf(t, ts);
        postings.begin();
        require(t, postings.transfer(new CreateTransfer(transferId(t), 0, 0, 0, 0, 0, TransferFlags.postPending,
                t.holdId, 0, t.tradeNo, 0), ts));
        if (held - fee > 0) {
            require(t, postings.transfer(new CreateTransfer(transferId(t), escrow(t), receivable, held - fee,
                    t.ledger, releaseCode, 0, 0, 0, t.tradeNo, 0), ts));
        }
        if (fee > 0) {
            require(t, postings.transfer(new CreateTransfer(transferId(t), escrow(t), fees(t), fee, t.ledger,
                    feeCode, 0, 0, 0, t.tradeNo, 0), ts));
        }
        postings.end();
        t.held = 0;
        t.holdId = 0;
        t.released = held;
        t.fee = fee;
    }

    /**
     * Gives {@code amount} of the trade back to the buyer: from the hold while there is one (void
     * it and hold the rest again), else from the seller's receivable and, in proportion, the fee.
     */
    void giveBack(Trade t, long amount, long ts) {
        if (amount > t.refundable()) {
            throw new IllegalStateException("a refund of " + amount + " over the refundable " + t.refundable()
                    + " of trade " + t.tradeNo);
        }
        postings.begin();
        if (t.held > 0) {
            // Void the hold and hold the rest again, in one group: the buyer's wallet never lacks it.
            require(t, postings.transfer(new CreateTransfer(transferId(t), 0, 0, 0, 0, 0, TransferFlags.voidPending,
                    t.holdId, 0, t.tradeNo, 0), ts));
            long rest = t.held - amount;
            long newHold = 0;
            if (rest > 0) {
                newHold = transferId(t);
                require(t, postings.transfer(new CreateTransfer(newHold, t.buyerWalletId, escrow(t), rest, t.ledger,
                        holdCode, TransferFlags.pending, 0, 0, t.tradeNo, 0), ts));
            }
            t.held = rest;
            t.holdId = newHold;
            t.refundedBeforeRelease += amount;
        } else {
            // The fee goes back in proportion to everything refunded since release, rounded down on
            // the whole and not per refund: so the seller never gives back more than it received,
            // the buyer gets exactly what it asked, and a refund of the rest gives back the rest of the fee.
            long refundedSinceRelease = t.refunded - t.refundedBeforeRelease + amount;
            long feeBack = feeShare(t.fee, refundedSinceRelease, t.released) - t.feeRefunded;
            long fromSeller = amount - feeBack;
            if (feeBack < 0 || fromSeller < 0) {
                throw new IllegalStateException("trade " + t.tradeNo + ": fee back " + feeBack + " of a refund of "
                        + amount);
            }
            if (fromSeller > 0) {
                require(t, postings.transfer(new CreateTransfer(transferId(t), receivableOf(t, ts), t.buyerWalletId,
                        fromSeller, t.ledger, refundCode, 0, 0, 0, t.tradeNo, 0), ts));
            }
            if (feeBack > 0) {
                require(t, postings.transfer(new CreateTransfer(transferId(t), fees(t), t.buyerWalletId, feeBack,
                        t.ledger, feeRefundCode, 0, 0, 0, t.tradeNo, 0), ts));
            }
            t.feeRefunded += feeBack;
        }
        // A source that funded the payment (credit pay) may take back what it lent, in the refund's group.
        postings.givenBack(t.buyerUserId, t.buyerWalletId, amount, t.ledger, t.tradeNo, ts);
        for (TradeHook h : hooks) {
            h.refunded(new HookedTrade(t, this, ts), amount, t.shippedAt != 0, ts);
        }
        postings.end();
        t.refunded += amount;
    }

    /**
     * True unless the refund needs a transfer into the buyer's closed wallet (after release), or
     * out of it (holding again what is left after a partial refund); voiding a whole hold needs
     * neither.
     */
    boolean canGiveBack(Trade t, long amount) {
        boolean voidsAll = t.held > 0 && amount == t.held;
        return voidsAll || !postings.isClosed(t.buyerWalletId);
    }

    /** The fee on {@code amount} at {@code ppm} parts per million, rounded half up; never more than the amount. */
    public static long fee(long amount, int ppm) {
        long whole = amount / 1_000_000L * ppm;
        long part = (amount % 1_000_000L * ppm + 500_000L) / 1_000_000L;
        return Math.min(amount, whole + part);
    }

    /** The part of {@code fee} that goes back when {@code amount} of {@code released} is refunded, rounded down. */
    static long feeShare(long fee, long amount, long released) {
        return java.math.BigInteger.valueOf(fee).multiply(java.math.BigInteger.valueOf(amount))
                .divide(java.math.BigInteger.valueOf(released)).longValueExact();
    }

    private void require(Trade t, Result r) {
        if (r != Result.ok) {
            throw new IllegalStateException("trade " + t.tradeNo + ": a transfer the trade's state allows was refused: "
                    + r);
        }
    }

    /** The merchant's receivable on this shard in the trade's currency, opened on first use. */
    long receivableOf(Trade t, long ts) {
        String key = TradeBook.receivableKey(t.merchantId, t.ledger);
        Long id = book.receivableIds.get(key);
        if (id != null) {
            return id;
        }
        long h = io.atta.core.DerivedIds.of("receivable:" + t.merchantId + ":" + t.ledger);
        for (int probe = 0; ; probe++) {
            long local = ((h + probe) & Ids.localMask) | Ids.firstUserLocalId;
            long candidate = Ids.compose(postings.homeSlot(), local);
            if (postings.openPlatformAccount(candidate, t.ledger, receivableCode, AccountFlags.history, t.merchantId,
                    ts)) {
                book.receivableIds.put(key, candidate);
                book.receivables.put(candidate, new TradeBook.Receivable(candidate, t.merchantId, t.ledger,
                        t.settlementAccountId));
                return candidate;
            }
        }
    }

    private long escrow(Trade t) {
        return HouseAccount.escrow.id(postings.homeSlot(), Currency.ofLedger(t.ledger));
    }

    private long fees(Trade t) {
        return HouseAccount.fees.id(postings.homeSlot(), Currency.ofLedger(t.ledger));
    }

    /**
     * The id of the trade's next transfer: in the platform's range and the buyer's slot (the trade
     * lives on the buyer's shard), from the trade number and its transfer count.
     */
    private static long transferId(Trade t) {
        long z = t.tradeNo * 0x9E3779B97F4A7C15L + (++t.transfers) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return Ids.platformId(Ids.slotOf(t.buyerUserId), z);
    }
}
