package io.atta.engine.trade;

import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One paid trade (or the record of an unpaid close) in {@link TradeModel}: its status, amounts,
 * confirm clock and refunds, and the rules of the actions taken on it after payment. Money
 * moves through the model ({@link TradeModel#release}, {@link TradeModel#giveBack}).
 */
final class ModelTrade {
    private static final long ns = 1_000_000_000L;

    static final class Refund {
        long id;
        long amount;
        String reason;
        RefundStatus status = RefundStatus.requested;
        long answerBy;
    }

    long tradeNo;
    long merchant;
    long buyer;
    long wallet;
    long amount;
    int ledger;
    GoodsType goods = GoodsType.physical;
    TradeKind kind = TradeKind.escrow;
    /** When an instant trade's refund window ends, or 0. */
    long windowEndsAt;
    int feePpm;
    TradeStatus status;
    boolean paid;
    long held;
    long refunded;
    long released;
    long fee;
    long feeRefunded;
    long confirmAt;
    long pausedRemaining;
    long extended;
    String carrier = "";
    String tracking = "";
    final List<Refund> refunds = new ArrayList<>();

    Refund refund(long id) {
        return refunds.stream().filter(r -> r.id == id).findFirst().orElse(null);
    }

    Refund open() {
        return refunds.stream().filter(r -> r.status.open()).findFirst().orElse(null);
    }

    long refundable() {
        return amount - refunded;
    }

    /** The action's result; the model is only needed by actions that may move money. */
    Result act(TradeModel model, TradeAction a, long ts) {
        boolean seller = a.actingUserId() == 0 || a.actingUserId() == merchant;
        boolean buyerActs = a.actingUserId() == 0 || a.actingUserId() == buyer;
        return switch (a.op()) {
            case ship -> !seller ? Result.trade_party_invalid : ship(a, ts);
            case confirm -> !buyerActs ? Result.trade_party_invalid : confirm(model);
            case extendConfirm -> !seller ? Result.trade_party_invalid : extend(a.amount());
            case requestRefund -> !buyerActs ? Result.trade_party_invalid : request(a, ts);
            case agreeRefund -> !seller ? Result.trade_party_invalid : agree(model, a.refundId(), ts);
            case rejectRefund -> !seller ? Result.trade_party_invalid : reject(a.refundId(), ts);
            case cancelRefund -> !buyerActs ? Result.trade_party_invalid : cancel(a.refundId(), ts);
            case dispute -> !buyerActs ? Result.trade_party_invalid : dispute(a.refundId(), ts);
            case decideDispute -> a.actingUserId() != 0 ? Result.trade_party_invalid
                    : decide(model, a.refundId(), a.amount() == 1, ts);
            case refund -> !seller ? Result.trade_party_invalid : sellerRefund(model, a, ts);
            case closeOrder, closeUnpaid -> throw new IllegalArgumentException("not an action on a paid trade");
        };
    }

    private Result closedOr() {
        return status == TradeStatus.TRADE_CLOSED ? Result.trade_closed : Result.trade_status_invalid;
    }

    private Result ship(TradeAction a, long ts) {
        if (status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS || status == TradeStatus.TRADE_FINISHED) {
            return carrier.equals(a.text1()) && tracking.equals(a.text2()) ? Result.exists
                    : Result.trade_status_invalid;
        }
        if (status != TradeStatus.WAIT_SELLER_SEND_GOODS) {
            return closedOr();
        }
        status = TradeStatus.WAIT_BUYER_CONFIRM_GOODS;
        carrier = a.text1();
        tracking = a.text2();
        long clock = goods.autoConfirmSeconds() * ns;
        if (open() != null) {
            pausedRemaining = clock;
        } else {
            confirmAt = ts + clock;
        }
        return Result.ok;
    }

    private Result confirm(TradeModel model) {
        if (status == TradeStatus.TRADE_FINISHED) {
            return Result.exists;
        }
        if (status != TradeStatus.WAIT_BUYER_CONFIRM_GOODS) {
            return closedOr();
        }
        if (open() != null) {
            return Result.refund_in_progress;
        }
        model.release(this);
        return Result.ok;
    }

    private Result extend(long seconds) {
        if (status != TradeStatus.WAIT_BUYER_CONFIRM_GOODS) {
            return closedOr();
        }
        if (extended != 0) {
            return extended == seconds ? Result.exists : Result.trade_status_invalid;
        }
        if (seconds <= 0 || seconds > TradeLimits.maxConfirmExtensionSeconds) {
            return Result.confirm_extension_too_large;
        }
        extended = seconds;
        if (confirmAt != 0) {
            confirmAt += seconds * ns;
        } else {
            pausedRemaining += seconds * ns;
        }
        return Result.ok;
    }

    private Result request(TradeAction a, long ts) {
        Refund same = refund(a.refundId());
        if (same != null) {
            return same.amount == a.amount() && same.reason.equals(a.text1()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        Result refusal = refusal(a.amount());
        if (refusal != null) {
            return refusal;
        }
        Refund r = new Refund();
        r.id = a.refundId();
        r.amount = a.amount();
        r.reason = a.text1();
        r.answerBy = ts + TradeLimits.refundAnswerSeconds * ns;
        refunds.add(r);
        pause(ts);
        return Result.ok;
    }

    /** Why no new refund of {@code amount} is taken, or null. */
    private Result refusal(long amount) {
        if (status == TradeStatus.TRADE_CLOSED) {
            return Result.trade_closed;
        }
        if (kind == TradeKind.instant && status == TradeStatus.TRADE_FINISHED) {
            return Result.refund_window_ended;
        }
        if (open() != null) {
            return Result.refund_in_progress;
        }
        if (refunds.size() >= TradeLimits.maxRefundsPerTrade) {
            return Result.too_many_refunds;
        }
        if (amount <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (amount > refundable()) {
            return Result.refund_exceeds_remaining;
        }
        return null;
    }

    /** The seller refunds at once; a refund id the trade has is a repeat, whatever the amount. */
    private Result sellerRefund(TradeModel model, TradeAction a, long ts) {
        if (refund(a.refundId()) != null) {
            return Result.exists;
        }
        Result refusal = refusal(a.amount());
        if (refusal != null) {
            return refusal;
        }
        Refund r = new Refund();
        r.id = a.refundId();
        r.amount = a.amount();
        r.reason = a.text1();
        refunds.add(r);
        model.giveBack(this, r, ts);
        return Result.ok;
    }

    private Result agree(TradeModel model, long id, long ts) {
        Refund r = refund(id);
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.refunded) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested) {
            return Result.refund_status_invalid;
        }
        model.giveBack(this, r, ts);
        return Result.ok;
    }

    private Result reject(long id, long ts) {
        Refund r = refund(id);
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
        resume(ts);
        return Result.ok;
    }

    private Result cancel(long id, long ts) {
        Refund r = refund(id);
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
        resume(ts);
        return Result.ok;
    }

    private Result dispute(long id, long ts) {
        Refund r = refund(id);
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
            if (status == TradeStatus.TRADE_CLOSED) {
                return Result.trade_closed;
            }
            if (open() != null) {
                return Result.refund_in_progress;
            }
            if (r.amount > refundable()) {
                return Result.refund_exceeds_remaining;
            }
        }
        r.status = RefundStatus.disputed;
        pause(ts);
        return Result.ok;
    }

    private Result decide(TradeModel model, long id, boolean forBuyer, long ts) {
        Refund r = refund(id);
        if (r == null) {
            return Result.refund_not_found;
        }
        if (forBuyer && r.status == RefundStatus.refunded || !forBuyer && r.status == RefundStatus.denied) {
            return Result.exists;
        }
        if (r.status != RefundStatus.disputed) {
            return Result.refund_status_invalid;
        }
        if (forBuyer) {
            model.giveBack(this, r, ts);
        } else {
            r.status = RefundStatus.denied;
            resume(ts);
        }
        return Result.ok;
    }

    // ---- The confirm clock: stopped while a refund is open, with what was left of it ----

    void pause(long ts) {
        if (status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && confirmAt != 0) {
            pausedRemaining = Math.max(1, confirmAt - ts);
            confirmAt = 0;
        }
    }

    void resume(long ts) {
        if (status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && confirmAt == 0 && open() == null
                && pausedRemaining > 0) {
            confirmAt = ts + pausedRemaining;
            pausedRemaining = 0;
        }
    }
}
