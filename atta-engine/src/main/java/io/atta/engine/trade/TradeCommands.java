package io.atta.engine.trade;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.PayTrade;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.Postings;
import org.agrona.collections.LongArrayList;

/**
 * The escrow trade rules (specs/products.md, "Escrow trade"), applied on the shard's apply thread
 * as part of the batch. Every rule checks everything first and changes nothing when it refuses;
 * a rule that moves money does it in one group of transfers with the trade's change, so a
 * trade's status and its money always move together.
 *
 * <p>Trade transfers have negative ids (bit 63 set), derived from the trade number and a counter,
 * so they never meet a caller's transfer id (callers' ids are positive). Each carries the trade
 * number as its user data.
 */
public final class TradeCommands {
    public static final int holdCode = 9101;
    public static final int releaseCode = 9102;
    public static final int feeCode = 9103;
    public static final int refundCode = 9104;
    public static final int feeRefundCode = 9105;
    /** The account code of a merchant's receivable on a buyer's shard. */
    public static final int receivableCode = 9110;
    private static final long ns = 1_000_000_000L;

    private final TradeBook book;
    private final Postings postings;

    public TradeCommands(TradeBook book, Postings postings) {
        this.book = book;
        this.postings = postings;
    }

    // ---- Merchants ----

    public Result createMerchant(CreateMerchant m, long ts) {
        Merchant existing = book.merchants.get(m.merchantId());
        if (existing != null) {
            boolean same = existing.settlementAccountId() == m.settlementAccountId()
                    && existing.feeRatePpm() == m.feeRatePpm() && existing.name().equals(m.name())
                    && existing.webhookUrl().equals(m.webhookUrl());
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (!postings.userExists(m.merchantId())) {
            return Result.user_not_found;
        }
        if (postings.ownerOf(m.settlementAccountId()) != m.merchantId() || postings.isClosed(m.settlementAccountId())) {
            return Result.settlement_account_invalid;
        }
        if (m.feeRatePpm() < 0 || m.feeRatePpm() > TradeLimits.maxFeeRatePpm) {
            return Result.fee_rate_too_high;
        }
        book.merchants.put(m.merchantId(), new Merchant(m.merchantId(), m.settlementAccountId(), m.feeRatePpm(),
                m.name(), m.webhookUrl(), m.webhookSecret(), ts));
        return Result.ok;
    }

    // ---- On the trade's own shard ----

    public Result createTrade(CreateTrade c, long ts) {
        Order existing = book.orders.get(c.tradeNo());
        if (existing != null) {
            boolean same = existing.merchantId == c.merchantId() && existing.outTradeNo.equals(c.outTradeNo())
                    && existing.amount == c.amount() && existing.ledger == c.ledger()
                    && existing.goodsType.ordinal() == c.goodsType()
                    && existing.payTimeoutSeconds == c.payTimeoutSeconds() && existing.subject.equals(c.subject())
                    && (c.buyerUserId() == 0 || existing.buyerUserId == c.buyerUserId());
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (c.tradeNo() <= 0 || !postings.ownsSlot(Ids.slotOf(c.tradeNo()))) {
            return Result.accounts_on_different_shards;
        }
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        if (c.goodsType() < 0 || c.goodsType() >= GoodsType.values().length || c.payTimeoutSeconds() <= 0
                || c.payTimeoutSeconds() > TradeLimits.maxPayTimeoutSeconds) {
            throw new IllegalArgumentException("a trade command the edge should have refused: " + c);
        }
        Order o = new Order(c.tradeNo(), c.merchantId(), c.outTradeNo(), c.buyerUserId(), c.amount(), c.ledger(),
                GoodsType.values()[c.goodsType()], c.payTimeoutSeconds(), c.notifyMerchant(), c.subject(), ts);
        book.orders.put(o.tradeNo, o);
        index(book.ordersByMerchant, o.merchantId, o.tradeNo);
        if (o.buyerUserId != 0) {
            index(book.ordersByBuyer, o.buyerUserId, o.tradeNo);
        } else {
            book.due.add(new TradeBook.Due(o.payDeadline, o.tradeNo, TradeBook.DueKind.orderClose, 0));
        }
        o.events.add(new TradeEvent(ts, TradeEventType.created, 0, o.amount, ""));
        return Result.ok;
    }

    static void index(org.agrona.collections.Long2ObjectHashMap<LongArrayList> index, long key, long tradeNo) {
        index.computeIfAbsent(key, k -> new LongArrayList()).addLong(tradeNo);
    }

    /**
     * Adds a newly bound order to its buyer's list where its creation time puts it: orders are
     * bound in any order, and the list must stay oldest first by creation, as pages are cut by
     * creation time and a snapshot rebuilds the list in that order.
     */
    private void indexByCreation(Order o) {
        LongArrayList numbers = book.ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new LongArrayList());
        int at = numbers.size();
        while (at > 0 && book.orders.get(numbers.getLong(at - 1)).createdAt > o.createdAt) {
            at--;
        }
        numbers.addLong(at, o.tradeNo);
    }

    public Result bindBuyer(BindTradeBuyer b, long ts) {
        Order o = book.orders.get(b.tradeNo());
        if (o == null) {
            return Result.trade_not_found;
        }
        if (o.buyerUserId != 0) {
            return o.buyerUserId == b.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (o.isClosed()) {
            return Result.trade_closed;
        }
        if (ts > o.payDeadline) {
            return Result.trade_pay_timed_out;
        }
        o.buyerUserId = b.buyerUserId();
        indexByCreation(o);
        o.events.add(new TradeEvent(ts, TradeEventType.bound_to_buyer, 0, 0, ""));
        return Result.ok;
    }

    private Result closeOrder(TradeAction a, long ts) {
        Order o = book.orders.get(a.tradeNo());
        if (o == null) {
            return Result.trade_not_found;
        }
        if (a.actingUserId() != 0 && a.actingUserId() != o.merchantId) {
            return Result.trade_party_invalid;
        }
        if (o.isClosed()) {
            return Result.exists;
        }
        // The edge names the buyer it closed on (0: none). One bound since must be closed on its
        // own shard first, where a payment may already have won.
        if (o.buyerUserId != a.amount()) {
            return Result.trade_status_invalid;
        }
        o.closedAt = ts;
        o.events.add(new TradeEvent(ts, TradeEventType.closed, 0, 0, a.text1()));
        // A bound order is closed here only after its buyer's shard recorded the close (closeUnpaid).
        notify(o.notifyMerchant, o.merchantId, o.tradeNo, o.outTradeNo, TradeEventType.closed,
                TradeStatus.TRADE_CLOSED, 0, 0, o.ledger, ts);
        return Result.ok;
    }

    // ---- On the buyer's shard ----

    public Result payTrade(PayTrade p, long ts) {
        Trade existing = book.trades.get(p.tradeNo());
        if (existing != null) {
            if (existing.status == TradeStatus.TRADE_CLOSED && existing.paidAt == 0) {
                return Result.trade_closed;
            }
            return existing.buyerUserId == p.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (p.fundingSource() != PayTrade.fundingWallet) {
            return Result.funding_source_unsupported;
        }
        if (ts > p.payDeadline()) {
            return Result.trade_pay_timed_out;
        }
        Currency currency = Currency.ofLedger(p.ledger());
        if (currency == null || p.goodsType() < 0 || p.goodsType() >= GoodsType.values().length || p.amount() <= 0) {
            throw new IllegalArgumentException("a pay command the edge should have refused: " + p);
        }
        Trade t = new Trade(p.tradeNo(), p.merchantId(), p.outTradeNo(), p.buyerUserId(), p.buyerWalletId(),
                p.amount(), p.ledger(), GoodsType.values()[p.goodsType()], p.feeRatePpm(),
                p.merchantSettlementAccountId(), p.notifyMerchant(), TradeStatus.WAIT_SELLER_SEND_GOODS);
        long holdId = transferId(t);
        postings.begin();
        // The buyer acts: the ledger checks that the wallet is the buyer's and has the money.
        Result r = postings.transfer(new CreateTransfer(holdId, t.buyerWalletId, escrow(t), t.amount, t.ledger,
                holdCode, TransferFlags.pending, 0, 0, t.tradeNo, t.buyerUserId), ts);
        if (r != Result.ok) {
            postings.rollBack();
            postings.end();
            return r;
        }
        postings.end();
        t.holdId = holdId;
        t.held = t.amount;
        t.paidAt = ts;
        book.trades.put(t.tradeNo, t);
        event(t, ts, TradeEventType.paid, 0, t.amount, "");
        return Result.ok;
    }

    public Result act(TradeAction a, long ts) {
        if (a.op() == io.atta.core.trade.TradeOp.closeOrder) {
            return closeOrder(a, ts);
        }
        Trade t = book.trades.get(a.tradeNo());
        if (a.op() == io.atta.core.trade.TradeOp.closeUnpaid) {
            return closeUnpaid(t, a, ts);
        }
        if (t == null) {
            return Result.trade_not_found;
        }
        return switch (a.op()) {
            case ship -> ship(t, a, ts);
            case confirm -> confirm(t, a, ts);
            case extendConfirm -> extendConfirm(t, a, ts);
            case requestRefund -> requestRefund(t, a, ts);
            case agreeRefund -> agreeRefund(t, a, ts);
            case rejectRefund -> rejectRefund(t, a, ts);
            case cancelRefund -> cancelRefund(t, a, ts);
            case dispute -> dispute(t, a, ts);
            case decideDispute -> decideDispute(t, a, ts);
            case closeOrder, closeUnpaid -> throw new IllegalStateException("handled above");
        };
    }

    private Result closeUnpaid(Trade t, TradeAction a, long ts) {
        if (t != null) {
            return t.paidAt == 0 ? Result.exists : Result.trade_status_invalid;
        }
        // The seller (or platform) closes; the record only stops a later payment and says why.
        Trade tomb = new Trade(a.tradeNo(), a.amount(), a.text2(), 0, 0, 0, 0, GoodsType.physical, 0, 0, false,
                TradeStatus.TRADE_CLOSED);
        if (a.actingUserId() != 0 && a.actingUserId() != tomb.merchantId) {
            return Result.trade_party_invalid;
        }
        tomb.closedAt = ts;
        book.trades.put(tomb.tradeNo, tomb);
        tomb.events.add(new TradeEvent(ts, TradeEventType.closed, 0, 0, a.text1()));
        return Result.ok;
    }

    private static boolean isSeller(Trade t, TradeAction a) {
        return a.actingUserId() == 0 || a.actingUserId() == t.merchantId;
    }

    private static boolean isBuyer(Trade t, TradeAction a) {
        return a.actingUserId() == 0 || a.actingUserId() == t.buyerUserId;
    }

    private Result ship(Trade t, TradeAction a, long ts) {
        if (!isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS || t.status == TradeStatus.TRADE_FINISHED) {
            return t.carrier.equals(a.text1()) && t.trackingNo.equals(a.text2()) ? Result.exists
                    : Result.trade_status_invalid;
        }
        if (t.status != TradeStatus.WAIT_SELLER_SEND_GOODS) {
            return closedOr(t);
        }
        t.status = TradeStatus.WAIT_BUYER_CONFIRM_GOODS;
        t.carrier = a.text1();
        t.trackingNo = a.text2();
        t.shippedAt = ts;
        long clock = t.goodsType.autoConfirmSeconds() * ns;
        if (t.openRefund() != null) {
            t.confirmPausedRemaining = clock;
        } else {
            setConfirmAt(t, ts + clock);
        }
        event(t, ts, TradeEventType.shipped, 0, 0, t.carrier + " " + t.trackingNo);
        return Result.ok;
    }

    private Result confirm(Trade t, TradeAction a, long ts) {
        if (!isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        if (t.status == TradeStatus.TRADE_FINISHED) {
            return Result.exists;
        }
        if (t.status != TradeStatus.WAIT_BUYER_CONFIRM_GOODS) {
            return closedOr(t);
        }
        if (t.openRefund() != null) {
            return Result.refund_in_progress;
        }
        release(t, ts, TradeEventType.confirmed);
        return Result.ok;
    }

    private Result extendConfirm(Trade t, TradeAction a, long ts) {
        if (!isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        if (t.status != TradeStatus.WAIT_BUYER_CONFIRM_GOODS) {
            return closedOr(t);
        }
        long seconds = a.amount();
        if (t.extendedSeconds != 0) {
            return t.extendedSeconds == seconds ? Result.exists : Result.trade_status_invalid;
        }
        if (seconds <= 0 || seconds > TradeLimits.maxConfirmExtensionSeconds) {
            return Result.confirm_extension_too_large;
        }
        t.extendedSeconds = seconds;
        if (t.confirmAt != 0) {
            setConfirmAt(t, t.confirmAt + seconds * ns);
        } else {
            t.confirmPausedRemaining += seconds * ns;
        }
        event(t, ts, TradeEventType.confirm_extended, 0, 0, Long.toString(seconds));
        return Result.ok;
    }

    private Result requestRefund(Trade t, TradeAction a, long ts) {
        if (!isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund same = t.refund(a.refundId());
        if (same != null) {
            return same.amount == a.amount() && same.reason.equals(a.text1()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (t.status == TradeStatus.TRADE_CLOSED) {
            return Result.trade_closed;
        }
        if (t.openRefund() != null) {
            return Result.refund_in_progress;
        }
        if (t.refunds.size() >= TradeLimits.maxRefundsPerTrade) {
            return Result.too_many_refunds;
        }
        if (a.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (a.amount() > t.refundable()) {
            return Result.refund_exceeds_remaining;
        }
        Refund r = new Refund(a.refundId(), a.text2(), a.amount(), a.text1(), ts, ts + TradeLimits.refundAnswerSeconds * ns);
        t.refunds.add(r);
        book.due.add(new TradeBook.Due(r.answerBy, t.tradeNo, TradeBook.DueKind.refundGrant, r.refundId));
        pauseClock(t, ts);
        event(t, ts, TradeEventType.refund_requested, r.refundId, r.amount, r.reason);
        return Result.ok;
    }

    private Result agreeRefund(Trade t, TradeAction a, long ts) {
        if (!isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.refunded) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested) {
            return Result.refund_status_invalid;
        }
        if (!refundPossible(t, r)) {
            return Result.account_closed;
        }
        refund(t, r, ts, TradeEventType.refunded, false);
        return Result.ok;
    }

    /**
     * True unless the refund needs a transfer into the buyer's closed wallet (after release), or
     * out of it (holding again what is left after a partial refund); voiding a whole hold needs
     * neither.
     */
    private boolean refundPossible(Trade t, Refund r) {
        boolean voidsAll = t.held > 0 && r.amount == t.held;
        return voidsAll || !postings.isClosed(t.buyerWalletId);
    }

    private Result rejectRefund(Trade t, TradeAction a, long ts) {
        if (!isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.rejected) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested) {
            return Result.refund_status_invalid;
        }
        r.status = RefundStatus.rejected;
        r.sellerReason = a.text1();
        resumeClock(t, ts);
        event(t, ts, TradeEventType.refund_rejected, r.refundId, 0, r.sellerReason);
        return Result.ok;
    }

    private Result cancelRefund(Trade t, TradeAction a, long ts) {
        if (!isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.cancelled) {
            return Result.exists;
        }
        if (!r.status.open()) {
            return Result.refund_status_invalid;
        }
        r.status = RefundStatus.cancelled;
        r.resolvedAt = ts;
        resumeClock(t, ts);
        event(t, ts, TradeEventType.refund_cancelled, r.refundId, 0, "");
        return Result.ok;
    }

    private Result dispute(Trade t, TradeAction a, long ts) {
        if (!isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.disputed) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested && r.status != RefundStatus.rejected) {
            return Result.refund_status_invalid;
        }
        if (r.status == RefundStatus.rejected) {
            if (t.status == TradeStatus.TRADE_CLOSED) {
                return Result.trade_closed;
            }
            if (t.openRefund() != null) {
                return Result.refund_in_progress;
            }
            if (r.amount > t.refundable()) {
                return Result.refund_exceeds_remaining;
            }
        }
        r.status = RefundStatus.disputed;
        pauseClock(t, ts);
        event(t, ts, TradeEventType.refund_disputed, r.refundId, r.amount, a.text1());
        return Result.ok;
    }

    private Result decideDispute(Trade t, TradeAction a, long ts) {
        if (a.actingUserId() != 0) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        boolean forBuyer = a.amount() == 1;
        if (r.status == RefundStatus.refunded && forBuyer || r.status == RefundStatus.denied && !forBuyer) {
            return Result.exists;
        }
        if (r.status != RefundStatus.disputed) {
            return Result.refund_status_invalid;
        }
        if (forBuyer) {
            if (!refundPossible(t, r)) {
                return Result.account_closed;
            }
            refund(t, r, ts, TradeEventType.refunded, false);
        } else {
            r.status = RefundStatus.denied;
            r.resolvedAt = ts;
            r.sellerReason = a.text1().isEmpty() ? r.sellerReason : a.text1();
            resumeClock(t, ts);
            event(t, ts, TradeEventType.dispute_denied, r.refundId, 0, a.text1());
        }
        return Result.ok;
    }

    private static Result closedOr(Trade t) {
        return t.status == TradeStatus.TRADE_CLOSED ? Result.trade_closed : Result.trade_status_invalid;
    }

    // ---- Money ----

    /** Releases the hold to the seller: post it to escrow, then escrow to the receivable and the fee account. */
    private void release(Trade t, long ts, TradeEventType why) {
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
        t.confirmAt = 0;
        t.confirmPausedRemaining = 0;
        t.status = TradeStatus.TRADE_FINISHED;
        t.finishedAt = ts;
        event(t, ts, why, 0, held, "");
    }

    /** Gives a refund's amount back: from the hold while there is one, else from the seller's receivable. */
    private void refund(Trade t, Refund r, long ts, TradeEventType why, boolean byTimeout) {
        long amount = r.amount;
        if (amount > t.refundable()) {
            throw new IllegalStateException("refund " + r.refundId + " of " + amount + " over the refundable "
                    + t.refundable() + " of trade " + t.tradeNo);
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
        postings.end();
        t.refunded += amount;
        r.status = RefundStatus.refunded;
        r.resolvedAt = ts;
        r.byTimeout = byTimeout;
        event(t, ts, why, r.refundId, amount, "");
        if (t.refunded == t.amount) {
            t.status = TradeStatus.TRADE_CLOSED;
            t.closedAt = ts;
            t.confirmAt = 0;
            t.confirmPausedRemaining = 0;
            event(t, ts, TradeEventType.closed, 0, 0, "refunded in full");
        } else {
            resumeClock(t, ts);
        }
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
    private long receivableOf(Trade t, long ts) {
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

    /** The id of the trade's next transfer: negative, from the trade number and its transfer count. */
    private static long transferId(Trade t) {
        long z = t.tradeNo * 0x9E3779B97F4A7C15L + (++t.transfers) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        long id = z | Long.MIN_VALUE;
        return id == Long.MIN_VALUE ? Long.MIN_VALUE | 1 : id;
    }

    // ---- The confirm clock ----

    private void setConfirmAt(Trade t, long at) {
        t.confirmAt = at;
        t.confirmPausedRemaining = 0;
        book.due.add(new TradeBook.Due(at, t.tradeNo, TradeBook.DueKind.autoConfirm, 0));
    }

    private static void pauseClock(Trade t, long ts) {
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt != 0) {
            t.confirmPausedRemaining = Math.max(1, t.confirmAt - ts);
            t.confirmAt = 0;
        }
    }

    private void resumeClock(Trade t, long ts) {
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt == 0 && t.openRefund() == null
                && t.confirmPausedRemaining > 0) {
            setConfirmAt(t, ts + t.confirmPausedRemaining);
        }
    }

    // ---- Ticks ----

    /** Applies the trade rules due by {@code ts}, at most {@link TradeLimits#maxTradeRulesPerTick}. */
    public void tick(long ts) {
        int applied = 0;
        while (!book.due.isEmpty() && book.due.first().at() <= ts && applied < TradeLimits.maxTradeRulesPerTick) {
            TradeBook.Due d = book.due.pollFirst();
            if (applyDue(d, ts)) {
                applied++;
            }
        }
    }

    /** Applies one due rule if its trade still waits for it; true if it did. */
    private boolean applyDue(TradeBook.Due d, long ts) {
        switch (d.kind()) {
            case orderClose -> {
                Order o = book.orders.get(d.tradeNo());
                if (o == null || o.isClosed() || o.buyerUserId != 0 || o.payDeadline != d.at()) {
                    return false;
                }
                o.closedAt = ts;
                o.events.add(new TradeEvent(ts, TradeEventType.auto_closed, 0, 0, ""));
                notify(o.notifyMerchant, o.merchantId, o.tradeNo, o.outTradeNo, TradeEventType.auto_closed,
                        TradeStatus.TRADE_CLOSED, 0, 0, o.ledger, ts);
                return true;
            }
            case autoConfirm -> {
                Trade t = book.trades.get(d.tradeNo());
                if (t == null || t.status != TradeStatus.WAIT_BUYER_CONFIRM_GOODS || t.confirmAt != d.at()
                        || t.openRefund() != null) {
                    return false;
                }
                release(t, ts, TradeEventType.auto_confirmed);
                return true;
            }
            case refundGrant -> {
                Trade t = book.trades.get(d.tradeNo());
                Refund r = t == null ? null : t.refund(d.refundId());
                if (r == null || r.status != RefundStatus.requested || r.answerBy != d.at()) {
                    return false;
                }
                // A request that cannot be carried out stays requested: the seller may still answer it.
                if (r.amount > t.refundable() || !refundPossible(t, r)) {
                    return false;
                }
                refund(t, r, ts, TradeEventType.refund_auto_granted, true);
                return true;
            }
            default -> throw new IllegalStateException("unknown rule " + d);
        }
    }

    // ---- Notifications ----

    private void event(Trade t, long ts, TradeEventType type, long refundId, long amount, String note) {
        t.events.add(new TradeEvent(ts, type, refundId, amount, note));
        notify(t.notifyMerchant, t.merchantId, t.tradeNo, t.outTradeNo, type, t.status, refundId, amount, t.ledger, ts);
    }

    private void notify(boolean wanted, long merchantId, long tradeNo, String outTradeNo, TradeEventType type,
                        TradeStatus status, long refundId, long amount, int ledger, long ts) {
        if (!wanted) {
            return;
        }
        long seq = book.nextNotificationSeq++;
        book.putNotification(new Notification(seq, merchantId, tradeNo, outTradeNo, type, status, refundId, amount,
                ledger, ts, 0, ts));
    }

    public Result recordDelivery(RecordDelivery d) {
        Notification n = book.outbox.get(d.seq());
        if (n == null) {
            return Result.notification_not_found;
        }
        switch (d.outcome()) {
            case delivered -> book.removeNotification(d.seq());
            case abandoned -> {
                book.removeNotification(d.seq());
                book.abandonedNotifications++;
            }
            case retry -> book.putNotification(new Notification(n.seq(), n.merchantId(), n.tradeNo(),
                    n.outTradeNo(), n.event(), n.status(), n.refundId(), n.amount(), n.ledger(), n.at(),
                    n.attempts() + 1, d.nextAttemptAt()));
            default -> throw new IllegalStateException("unknown outcome " + d.outcome());
        }
        return Result.ok;
    }
}
