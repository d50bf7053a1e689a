package io.atta.engine.trade;

import io.atta.core.Ids;
import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.PayGatewayTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The naive reference of {@link TradeModelTest}: escrow and instant trades as plain objects and money as
 * plain sums (each wallet's posted balance and held part, each merchant's receivable, the fee
 * income), written from the rules in docs/PRODUCTS.md and {@code TradeOp}, without the
 * ledger, its transfers or a queue of due rules: a tick looks at every trade. Orders, payment,
 * money and time are here; the actions on a paid trade are {@link ModelTrade}'s.
 */
final class TradeModel {
    private static final long ns = 1_000_000_000L;

    static final class OrderM {
        CreateTrade terms;
        long buyer;
        long deadline;
        boolean closed;
    }

    /** A wallet: its owner, currency, posted balance and the part of it trades hold. */
    static final class WalletM {
        final long owner;
        final int ledger;
        long balance;
        long held;

        WalletM(long owner, int ledger) {
            this.owner = owner;
            this.ledger = ledger;
        }
    }

    record MerchantM(long id, long settlement, int feePpm) {
    }

    final Map<Long, WalletM> wallets = new HashMap<>();
    final Map<Long, MerchantM> merchants = new HashMap<>();
    final TreeMap<Long, OrderM> orders = new TreeMap<>();
    final TreeMap<Long, ModelTrade> trades = new TreeMap<>();
    /** Receivable balance by "merchant:ledger", and fee income by ledger. */
    final Map<String, Long> receivables = new HashMap<>();
    final Map<Integer, Long> fees = new HashMap<>();
    long last;
    /** Rules applied by ticks, for the test's report of what the runs reached. */
    int autoClosed;
    int autoConfirmed;
    int autoGranted;
    int windowsEnded;

    Result[] apply(long header, Command[] commands) {
        long base = Math.max(header, last + 1);
        Result[] out = new Result[commands.length];
        for (int i = 0; i < commands.length; i++) {
            out[i] = apply(commands[i], base + i);
        }
        last = base + commands.length - 1;
        return out;
    }

    private Result apply(Command c, long ts) {
        if (c instanceof CreateTransfer t) {
            if (Ids.slotOf(t.id()) == RandomTradeBatches.foreignSlot) {
                return Result.transfer_id_not_in_shard_slot;
            }
            wallets.get(t.creditAccountId()).balance += t.amount();
            return Result.ok;
        } else if (c instanceof CreateTrade t) {
            return create(t, ts);
        } else if (c instanceof BindTradeBuyer b) {
            return bind(b, ts);
        } else if (c instanceof PayTrade p) {
            return pay(p, ts);
        } else if (c instanceof PayGatewayTrade g) {
            return pay(g.payment(), ts);
        } else if (c instanceof TradeAction a) {
            return act(a, ts);
        } else if (c instanceof Tick) {
            tick(ts);
            return Result.ok;
        }
        throw new IllegalArgumentException("the model does not know " + c);
    }

    private Result create(CreateTrade c, long ts) {
        OrderM o = orders.get(c.tradeNo());
        if (o != null) {
            CreateTrade e = o.terms;
            boolean same = e.merchantId() == c.merchantId() && e.outTradeNo().equals(c.outTradeNo())
                    && e.amount() == c.amount() && e.ledger() == c.ledger() && e.goodsType() == c.goodsType()
                    && e.payTimeoutSeconds() == c.payTimeoutSeconds() && e.subject().equals(c.subject())
                    && (c.buyerUserId() == 0 || c.buyerUserId() == o.buyer) && e.appId() == c.appId()
                    && e.notifyUrl().equals(c.notifyUrl()) && e.returnUrl().equals(c.returnUrl())
                    && e.kind() == c.kind();
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (c.buyerUserId() == c.merchantId()) {
            return Result.buyer_is_seller;
        }
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        o = new OrderM();
        o.terms = c;
        o.buyer = c.buyerUserId();
        o.deadline = ts + c.payTimeoutSeconds() * ns;
        orders.put(c.tradeNo(), o);
        return Result.ok;
    }

    private Result bind(BindTradeBuyer b, long ts) {
        OrderM o = orders.get(b.tradeNo());
        if (o == null) {
            return Result.trade_not_found;
        }
        if (o.buyer != 0) {
            return o.buyer == b.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (b.buyerUserId() == o.terms.merchantId()) {
            return Result.buyer_is_seller;
        }
        if (o.closed) {
            return Result.trade_closed;
        }
        if (ts > o.deadline) {
            return Result.trade_pay_timed_out;
        }
        o.buyer = b.buyerUserId();
        return Result.ok;
    }

    /** A funding source code that no module of the build serves: the trade module refuses it. */
    static final int unservedFunding = 99;

    private Result pay(PayTrade p, long ts) {
        ModelTrade t = trades.get(p.tradeNo());
        if (t != null) {
            if (!t.paid) {
                return Result.trade_closed;
            }
            return t.buyer == p.buyerUserId() ? Result.exists : Result.trade_buyer_mismatch;
        }
        if (p.buyerUserId() == p.merchantId()) {
            return Result.buyer_is_seller;
        }
        if (p.fundingSource() != PayTrade.fundingWallet) {
            return Result.funding_source_unsupported;
        }
        if (ts > p.payDeadline()) {
            return Result.trade_pay_timed_out;
        }
        TradeKind kind = TradeKind.ofCode(p.kind());
        if (kind == TradeKind.instant
                && (p.refundWindowSeconds() <= 0 || p.refundWindowSeconds() > TradeLimits.maxRefundWindowSeconds)) {
            return Result.timeout_too_large;
        }
        WalletM w = wallets.get(p.buyerWalletId());
        if (w.owner != p.buyerUserId()) {
            return Result.debit_account_not_owned;
        }
        if (w.ledger != p.ledger()) {
            return Result.currency_mismatch;
        }
        if (w.balance - w.held < p.amount()) {
            return Result.insufficient_funds;
        }
        t = new ModelTrade();
        t.tradeNo = p.tradeNo();
        t.merchant = p.merchantId();
        t.buyer = p.buyerUserId();
        t.wallet = p.buyerWalletId();
        t.amount = p.amount();
        t.ledger = p.ledger();
        t.goods = GoodsType.ofCode(p.goodsType());
        t.feePpm = p.feeRatePpm();
        t.status = TradeStatus.WAIT_SELLER_SEND_GOODS;
        t.paid = true;
        t.held = p.amount();
        w.held += p.amount();
        trades.put(t.tradeNo, t);
        t.kind = kind;
        if (kind == TradeKind.instant) {
            release(t);
            t.status = TradeStatus.TRADE_SUCCESS;
            t.windowEndsAt = ts + p.refundWindowSeconds() * ns;
        }
        return Result.ok;
    }

    private Result act(TradeAction a, long ts) {
        switch (a.op()) {
            case closeOrder -> {
                return closeOrder(a, ts);
            }
            case closeUnpaid -> {
                return closeUnpaid(a);
            }
            default -> {
            }
        }
        ModelTrade t = trades.get(a.tradeNo());
        return t == null ? Result.trade_not_found : t.act(this, a, ts);
    }

    private Result closeOrder(TradeAction a, long ts) {
        OrderM o = orders.get(a.tradeNo());
        if (o == null) {
            return Result.trade_not_found;
        }
        if (a.actingUserId() != 0 && a.actingUserId() != o.terms.merchantId()) {
            return Result.trade_party_invalid;
        }
        if (o.closed) {
            return Result.exists;
        }
        if (o.buyer != a.amount()) {
            return Result.trade_status_invalid;
        }
        o.closed = true;
        return Result.ok;
    }

    private Result closeUnpaid(TradeAction a) {
        ModelTrade t = trades.get(a.tradeNo());
        if (t != null) {
            return t.paid ? Result.trade_status_invalid : Result.exists;
        }
        if (a.actingUserId() != 0 && a.actingUserId() != a.amount()) {
            return Result.trade_party_invalid;
        }
        t = new ModelTrade();
        t.tradeNo = a.tradeNo();
        t.merchant = a.amount();
        t.goods = GoodsType.physical;
        t.status = TradeStatus.TRADE_CLOSED;
        trades.put(t.tradeNo, t);
        return Result.ok;
    }

    // ---- Money ----

    /** Releases the hold to the seller's receivable, less the fee. */
    void release(ModelTrade t) {
        long fee = fee(t.held, t.feePpm);
        WalletM w = wallets.get(t.wallet);
        w.held -= t.held;
        w.balance -= t.held;
        receivables.merge(t.merchant + ":" + t.ledger, t.held - fee, Long::sum);
        fees.merge(t.ledger, fee, Long::sum);
        t.released = t.held;
        t.fee = fee;
        t.held = 0;
        t.status = TradeStatus.TRADE_FINISHED;
        t.confirmAt = 0;
        t.pausedRemaining = 0;
    }

    /** The platform fee: {@code ppm} parts per million of the amount, rounded half up. */
    static long fee(long amount, int ppm) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ppm)).add(BigInteger.valueOf(500_000))
                .divide(BigInteger.valueOf(1_000_000)).longValueExact();
    }

    /** Gives a refund's amount back to the buyer: from the hold while there is one, else from the seller and the fee. */
    void giveBack(ModelTrade t, ModelTrade.Refund r, long ts) {
        WalletM w = wallets.get(t.wallet);
        if (t.held > 0) {
            t.held -= r.amount;
            w.held -= r.amount;
        } else {
            // The fee goes back in proportion to all that was refunded since release, rounded down.
            long refundedAfterRelease = t.refunded - (t.amount - t.released) + r.amount;
            long feeBack = t.fee * refundedAfterRelease / t.released - t.feeRefunded;
            receivables.merge(t.merchant + ":" + t.ledger, -(r.amount - feeBack), Long::sum);
            fees.merge(t.ledger, -feeBack, Long::sum);
            w.balance += r.amount;
            t.feeRefunded += feeBack;
        }
        t.refunded += r.amount;
        r.status = RefundStatus.refunded;
        if (t.refunded == t.amount) {
            t.status = TradeStatus.TRADE_CLOSED;
            t.confirmAt = 0;
            t.pausedRemaining = 0;
        } else {
            t.resume(ts);
        }
    }

    // ---- The tick ----

    private void tick(long ts) {
        for (OrderM o : orders.values()) {
            if (o.buyer == 0 && !o.closed && o.deadline <= ts) {
                o.closed = true;
                autoClosed++;
            }
        }
        for (ModelTrade t : trades.values()) {
            for (ModelTrade.Refund r : t.refunds) {
                if (r.status == RefundStatus.requested && r.answerBy <= ts) {
                    giveBack(t, r, ts);
                    autoGranted++;
                }
            }
            if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt != 0 && t.confirmAt <= ts) {
                release(t);
                autoConfirmed++;
            }
            if (t.status == TradeStatus.TRADE_SUCCESS && t.windowEndsAt <= ts) {
                t.status = TradeStatus.TRADE_FINISHED;
                windowsEnded++;
            }
        }
    }
}
