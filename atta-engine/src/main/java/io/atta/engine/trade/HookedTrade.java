package io.atta.engine.trade;

/**
 * A trade as a {@link TradeHook} sees it while its payment or refund is applied: who pays whom,
 * how much, and the seller's account on this shard (its receivable, opened on first use), which
 * a hook may debit for something the seller pays with the trade; settlement collects it from the
 * seller's settlement account as it does a refund after release.
 */
public final class HookedTrade {
    private final Trade t;
    private final TradeMoney money;
    private final long ts;

    HookedTrade(Trade t, TradeMoney money, long ts) {
        this.t = t;
        this.money = money;
        this.ts = ts;
    }

    public long tradeNo() {
        return t.tradeNo;
    }

    public long merchantId() {
        return t.merchantId;
    }

    public long buyerUserId() {
        return t.buyerUserId;
    }

    public long buyerWalletId() {
        return t.buyerWalletId;
    }

    public long amount() {
        return t.amount;
    }

    public int ledger() {
        return t.ledger;
    }

    /**
     * The seller's receivable on this shard in the trade's currency, opened now if it is the
     * first. Its opening is recorded in the trade book outside the group's undo log, so a hook
     * asks for it only where its own transfer then stands (the receivable has no balance limit).
     */
    public long sellerAccountId() {
        return money.receivableOf(t, ts);
    }
}
