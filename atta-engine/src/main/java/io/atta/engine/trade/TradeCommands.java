package io.atta.engine.trade;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.ClaimTradeName;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.PayGatewayTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeOp;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.FundingSource;
import io.atta.engine.ledger.Postings;

/**
 * The escrow trade rules (docs/PRODUCTS.md, "Escrow trade"), applied on the shard's apply thread
 * as part of the batch. Every rule checks everything first and changes nothing when it refuses;
 * a rule that moves money does it in one group of transfers with the trade's change, so a
 * trade's status and its money always move together.
 *
 * <p>This class takes the commands and keeps the lifecycle: merchants, orders, payment (an
 * instant trade's pays the seller at once), shipment, confirmation, closes and the time rules
 * of ticks. Its parts: {@link TradeMoney} moves the money, {@link RefundRules}
 * handles refunds and disputes, {@link ConfirmClock} keeps the auto-confirm clock,
 * {@link RefundWindow} an instant trade's refund window and {@link TradeOutbox} the timeline and
 * notifications.
 */
public final class TradeCommands {
    private final TradeBook book;
    private final Postings postings;
    private final TradeMoney money;
    private final ConfirmClock clock;
    private final TradeOutbox outbox;
    private final RefundRules refunds;
    private final RefundWindow window;
    /**
     * The trade whose name claim this batch refused last, or 0: its create, which follows the
     * claim in the same log entry when the name's shard is the buyer's, is refused too.
     * Transient: reset before every batch, so replicas and snapshots need not hold it.
     */
    private long claimRefusedFor;

    public TradeCommands(TradeBook book, Postings postings, io.atta.engine.shard.BatchEvents journal) {
        this.book = book;
        this.postings = postings;
        this.money = new TradeMoney(book, postings);
        this.clock = new ConfirmClock(book);
        this.outbox = new TradeOutbox(book, journal);
        this.window = new RefundWindow(book, outbox);
        this.refunds = new RefundRules(book, money, clock, outbox, window);
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
        Order existing = book.orderToApply(c.tradeNo());
        if (existing != null) {
            boolean same = existing.merchantId == c.merchantId() && existing.outTradeNo.equals(c.outTradeNo())
                    && existing.amount == c.amount() && existing.ledger == c.ledger()
                    && existing.goodsType.code() == c.goodsType()
                    && existing.payTimeoutSeconds == c.payTimeoutSeconds() && existing.subject.equals(c.subject())
                    && (c.buyerUserId() == 0 || existing.buyerUserId == c.buyerUserId())
                    && existing.appId == c.appId() && existing.notifyUrl.equals(c.notifyUrl())
                    && existing.returnUrl.equals(c.returnUrl()) && existing.kind.code() == c.kind();
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (c.tradeNo() <= 0 || !postings.ownsSlot(Ids.slotOf(c.tradeNo()))) {
            return Result.accounts_on_different_shards;
        }
        if (nameHeldByAnother(c)) {
            return Result.exists_with_different_fields;
        }
        if (c.buyerUserId() == c.merchantId()) {
            return Result.buyer_is_seller;
        }
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        if (c.goodsType() < 0 || c.goodsType() >= GoodsType.values().length || c.payTimeoutSeconds() <= 0
                || c.payTimeoutSeconds() > TradeLimits.maxPayTimeoutSeconds || c.kind() < 0
                || c.kind() >= TradeKind.values().length) {
            throw new IllegalArgumentException("a trade command the edge should have refused: " + c);
        }
        Order o = new Order(c.tradeNo(), c.merchantId(), c.outTradeNo(), c.buyerUserId(), c.amount(), c.ledger(),
                GoodsType.ofCode(c.goodsType()), c.payTimeoutSeconds(), c.notifyMerchant(), c.subject(), ts,
                c.appId(), c.notifyUrl(), c.returnUrl(), TradeKind.ofCode(c.kind()));
        book.addOrder(o);
        outbox.timeline(o.events, o.tradeNo, o.merchantId, o.ledger,
                new TradeEvent(ts, TradeEventType.created, 0, o.amount, ""));
        return Result.ok;
    }

    /**
     * True when the trade's out_trade_no is held by another trade: an order's own number may be
     * another trade's claimed name here; a placed order's name is checked here only when its
     * claim came to this shard in the same log entry, just before it, and was refused (the edge
     * sends a placed create elsewhere only after its claim stood).
     */
    private boolean nameHeldByAnother(CreateTrade c) {
        if (c.tradeNo() == claimRefusedFor) {
            return true;
        }
        long claimed = book.claims.get(c.tradeNo());
        return claimed != 0 && claimed != c.tradeNo();
    }

    /** Forgets the batch's last refused claim: it refuses only a create of the same batch. */
    public void beginBatch() {
        claimRefusedFor = 0;
    }

    /**
     * Claims a merchant's out_trade_no (its name number, on this shard) for a trade placed on its
     * buyer's shard: the first claim or order of a name holds it; the same trade again is
     * {@code exists}, another {@code exists_with_different_fields}. Moves nothing, records nothing
     * else: a claim whose trade was never created only keeps the name for that trade.
     */
    public Result claimName(ClaimTradeName c) {
        if (c.nameNo() <= 0 || c.tradeNo() <= 0) {
            return Result.id_must_not_be_zero;
        }
        if (!postings.ownsSlot(Ids.slotOf(c.nameNo()))) {
            return Result.accounts_on_different_shards;
        }
        long holder = book.holderOfName(c.nameNo());
        if (holder != 0 && holder != c.tradeNo()) {
            claimRefusedFor = c.tradeNo();
            return Result.exists_with_different_fields;
        }
        if (holder != 0) {
            return Result.exists;
        }
        book.claims.put(c.nameNo(), c.tradeNo());
        return Result.ok;
    }

    public Result bindBuyer(BindTradeBuyer b, long ts) {
        Order o = book.orderToApply(b.tradeNo());
        if (o == null) {
            return Result.trade_not_found;
        }
        if (o.buyerUserId != 0) {
            return o.buyerUserId == b.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (b.buyerUserId() == o.merchantId) {
            return Result.buyer_is_seller;
        }
        if (o.isClosed()) {
            return Result.trade_closed;
        }
        if (ts > o.payDeadline) {
            return Result.trade_pay_timed_out;
        }
        o.buyerUserId = b.buyerUserId();
        book.indexBoundOrder(o);
        book.addBind(o, ts);
        outbox.timeline(o.events, o.tradeNo, o.merchantId, o.ledger,
                new TradeEvent(ts, TradeEventType.bound_to_buyer, 0, 0, ""));
        return Result.ok;
    }

    private Result closeOrder(TradeAction a, long ts) {
        Order o = book.orderToApply(a.tradeNo());
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
        if (o.buyerUserId != a.boundBuyerUserId()) {
            return Result.trade_status_invalid;
        }
        o.closedAt = ts;
        // A bound order is closed here only after its buyer's shard recorded the close (closeUnpaid).
        outbox.orderEvent(o, ts, TradeEventType.closed, a.reason());
        return Result.ok;
    }

    // ---- On the buyer's shard ----

    /**
     * Pays a trade; {@code terms} are the order's gateway terms, {@link PayGatewayTrade.Terms#none}
     * for a REST payment.
     */
    public Result payTrade(PayTrade p, PayGatewayTrade.Terms terms, long ts) {
        Trade existing = book.tradeToApply(p.tradeNo());
        if (existing != null) {
            if (existing.status == TradeStatus.TRADE_CLOSED && existing.paidAt == 0) {
                return Result.trade_closed;
            }
            return existing.buyerUserId == p.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (p.payDeadline() == PayTrade.deadlineOfOrderHere) {
            Order o = book.orderToApply(p.tradeNo());
            Result r = orderHerePays(o, p, terms);
            if (r != Result.ok) {
                return r;
            }
            p = new PayTrade(p.tradeNo(), p.merchantId(), p.outTradeNo(), p.buyerUserId(), p.buyerWalletId(),
                    p.amount(), p.ledger(), p.goodsType(), o.payDeadline, p.merchantSettlementAccountId(),
                    p.feeRatePpm(), p.fundingSource(), p.notifyMerchant(), p.kind(), p.refundWindowSeconds(),
                    p.subject(), o.createdAt);
        }
        // A merchant paying its own trade would only move its money through escrow and the fee:
        // self-dealing, refused wherever a buyer is named (docs/TRADES.md).
        if (p.buyerUserId() == p.merchantId()) {
            return Result.buyer_is_seller;
        }
        FundingSource source = null;
        if (p.fundingSource() != PayTrade.fundingWallet) {
            source = postings.fundingSource(p.fundingSource());
            if (source == null) {
                return Result.funding_source_unsupported;
            }
        }
        if (ts > p.payDeadline()) {
            return Result.trade_pay_timed_out;
        }
        Currency currency = Currency.ofLedger(p.ledger());
        if (currency == null || p.goodsType() < 0 || p.goodsType() >= GoodsType.values().length || p.amount() <= 0
                || p.kind() < 0 || p.kind() >= TradeKind.values().length) {
            throw new IllegalArgumentException("a pay command the edge should have refused: " + p);
        }
        TradeKind kind = TradeKind.ofCode(p.kind());
        // The edge checks the window too; a replica must refuse it rather than stop, as a window
        // is a span of time like a transfer's timeout (0 would end it at payment).
        if (kind == TradeKind.instant
                && (p.refundWindowSeconds() <= 0 || p.refundWindowSeconds() > TradeLimits.maxRefundWindowSeconds)) {
            return Result.timeout_too_large;
        }
        Trade t = new Trade(p.tradeNo(), p.merchantId(), p.outTradeNo(), p.buyerUserId(), p.buyerWalletId(),
                p.amount(), p.ledger(), GoodsType.ofCode(p.goodsType()), p.feeRatePpm(),
                p.merchantSettlementAccountId(), p.notifyMerchant(), TradeStatus.WAIT_SELLER_SEND_GOODS, kind,
                terms.appId(), terms.notifyUrl(), p.subject(), p.createdAt());
        Result r = money.hold(t, source, ts);
        if (r != Result.ok) {
            return r;
        }
        t.paidAt = ts;
        book.addTrade(t);
        if (kind == TradeKind.instant) {
            // Paid to the seller at once, exactly as a confirmation releases an escrow trade; the
            // hold first, so that the ledger checks the buyer's wallet as for any payment.
            money.release(t, ts);
            t.status = TradeStatus.TRADE_SUCCESS;
            window.open(t, ts, p.refundWindowSeconds());
        }
        outbox.event(t, ts, TradeEventType.paid, 0, t.amount, "");
        return Result.ok;
    }

    /**
     * Whether the order on this shard may be paid by {@code p} ({@link PayTrade#deadlineOfOrderHere}):
     * open, bound to its buyer and on exactly its terms. The order was opened in the same log entry,
     * or was there already (a repeat), in which case it must be the one the payment names.
     */
    private static Result orderHerePays(Order o, PayTrade p, PayGatewayTrade.Terms terms) {
        if (o == null) {
            return Result.trade_not_found;
        }
        if (o.isClosed()) {
            return Result.trade_closed;
        }
        if (o.buyerUserId != p.buyerUserId()) {
            return Result.trade_buyer_mismatch;
        }
        boolean same = o.merchantId == p.merchantId() && o.outTradeNo.equals(p.outTradeNo()) && o.amount == p.amount()
                && o.ledger == p.ledger() && o.goodsType.ordinal() == p.goodsType() && o.kind.ordinal() == p.kind()
                && o.appId == terms.appId() && o.notifyUrl.equals(terms.notifyUrl()) && o.subject.equals(p.subject())
                && o.notifyMerchant == p.notifyMerchant();
        return same ? Result.ok : Result.exists_with_different_fields;
    }

    public Result act(TradeAction a, long ts) {
        if (a.op() == TradeOp.closeOrder) {
            return closeOrder(a, ts);
        }
        Trade t = book.tradeToApply(a.tradeNo());
        if (a.op() == TradeOp.closeUnpaid) {
            return closeUnpaid(t, a, ts);
        }
        if (t == null) {
            return Result.trade_not_found;
        }
        return switch (a.op()) {
            case ship -> ship(t, a, ts);
            case confirm -> confirm(t, a, ts);
            case extendConfirm -> extendConfirm(t, a, ts);
            case requestRefund -> refunds.requestRefund(t, a, ts);
            case agreeRefund -> refunds.agreeRefund(t, a, ts);
            case rejectRefund -> refunds.rejectRefund(t, a, ts);
            case cancelRefund -> refunds.cancelRefund(t, a, ts);
            case dispute -> refunds.dispute(t, a, ts);
            case decideDispute -> refunds.decideDispute(t, a, ts);
            case refund -> refunds.sellerRefund(t, a, ts);
            case closeOrder, closeUnpaid -> throw new IllegalStateException("handled above");
        };
    }

    private Result closeUnpaid(Trade t, TradeAction a, long ts) {
        if (t != null) {
            return t.paidAt == 0 ? Result.exists : Result.trade_status_invalid;
        }
        // The seller (or platform) closes; the record only stops a later payment and says why.
        Trade tomb = new Trade(a.tradeNo(), a.merchantId(), a.outTradeNo(), 0, 0, 0, 0, GoodsType.physical, 0, 0, false,
                TradeStatus.TRADE_CLOSED, TradeKind.escrow, 0, "", "", 0);
        if (a.actingUserId() != 0 && a.actingUserId() != tomb.merchantId) {
            return Result.trade_party_invalid;
        }
        tomb.closedAt = ts;
        book.addTrade(tomb);
        outbox.timeline(tomb.events, tomb.tradeNo, tomb.merchantId, tomb.ledger,
                new TradeEvent(ts, TradeEventType.closed, 0, 0, a.reason()));
        return Result.ok;
    }

    static boolean isSeller(Trade t, TradeAction a) {
        return a.actingUserId() == 0 || a.actingUserId() == t.merchantId;
    }

    static boolean isBuyer(Trade t, TradeAction a) {
        return a.actingUserId() == 0 || a.actingUserId() == t.buyerUserId;
    }

    private Result ship(Trade t, TradeAction a, long ts) {
        if (!isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS || t.status == TradeStatus.TRADE_FINISHED) {
            return t.carrier.equals(a.carrier()) && t.trackingNo.equals(a.trackingNo()) ? Result.exists
                    : Result.trade_status_invalid;
        }
        if (t.status != TradeStatus.WAIT_SELLER_SEND_GOODS) {
            return closedOr(t);
        }
        t.status = TradeStatus.WAIT_BUYER_CONFIRM_GOODS;
        t.carrier = a.carrier();
        t.trackingNo = a.trackingNo();
        t.shippedAt = ts;
        clock.start(t, ts);
        outbox.event(t, ts, TradeEventType.shipped, 0, 0, t.carrier + " " + t.trackingNo);
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
        long seconds = a.extensionSeconds();
        if (t.extendedSeconds != 0) {
            return t.extendedSeconds == seconds ? Result.exists : Result.trade_status_invalid;
        }
        if (seconds <= 0 || seconds > TradeLimits.maxConfirmExtensionSeconds) {
            return Result.confirm_extension_too_large;
        }
        t.extendedSeconds = seconds;
        clock.extend(t, seconds);
        outbox.event(t, ts, TradeEventType.confirm_extended, 0, 0, Long.toString(seconds));
        return Result.ok;
    }








    /** Releases the hold to the seller: the trade is finished. */
    private void release(Trade t, long ts, TradeEventType why) {
        long held = t.held;
        money.release(t, ts);
        clock.stop(t);
        t.status = TradeStatus.TRADE_FINISHED;
        t.finishedAt = ts;
        outbox.event(t, ts, why, 0, held, "");
    }

    private static Result closedOr(Trade t) {
        return t.status == TradeStatus.TRADE_CLOSED ? Result.trade_closed : Result.trade_status_invalid;
    }













    // ---- Ticks ----

    /** Applies the trade rules due by {@code ts}, at most {@link TradeLimits#maxTradeRulesPerTick}. */
    public void tick(long ts) {
        book.dropBindsPast(ts);
        int applied = 0;
        while (!book.due.isEmpty() && book.due.first().at() <= ts && applied < TradeLimits.maxTradeRulesPerTick) {
            TradeBook.Due d = book.due.pollFirst();
            if (applyDue(d, ts)) {
                applied++;
            }
        }
        book.archiveFinal(ts);
    }

    /** Applies one due rule if its trade still waits for it; true if it did. */
    private boolean applyDue(TradeBook.Due d, long ts) {
        // A final trade or order is not in the heap, and no rule of time applies to it.
        book.touch(d.tradeNo());
        switch (d.kind()) {
            case orderClose -> {
                Order o = book.orders.get(d.tradeNo());
                if (o == null || o.isClosed() || o.buyerUserId != 0 || o.payDeadline != d.at()) {
                    return false;
                }
                o.closedAt = ts;
                outbox.orderEvent(o, ts, TradeEventType.auto_closed, "");
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
                return t != null && refunds.grantUnanswered(t, d.refundId(), d.at(), ts);
            }
            case refundWindowEnd -> {
                Trade t = book.trades.get(d.tradeNo());
                return t != null && window.end(t, d.at(), ts);
            }
            default -> throw new IllegalStateException("unknown rule " + d);
        }
    }



    public Result recordDelivery(RecordDelivery d) {
        return outbox.recordDelivery(d);
    }

    /** Adds a module that takes part in payments and refunds (see {@link TradeHook}). */
    void addHook(TradeHook hook) {
        money.addHook(hook);
    }

    /** Sets the module that notifies trades with a notify_url (see {@link NotifyUrlHook}). */
    void notifyUrlHook(NotifyUrlHook hook) {
        outbox.hook(hook);
    }
}
