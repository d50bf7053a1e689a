package io.atta.engine.trade;

import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.ClaimTradeName;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.PayGatewayTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.command.TradeFamily;
import io.atta.engine.ledger.AccountGuard;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The trades module: merchants, escrow and instant trades and merchant notifications
 * ({@link TradeBook}), changed by {@link TradeCommands} through the ledger's
 * {@link io.atta.engine.ledger.Postings}. It guards the accounts it still needs: a merchant's
 * settlement account, and a wallet whose owner has open trades. Trades opened with a notify_url
 * are notified by the module set as its {@link NotifyUrlHook} (the gateway's).
 */
public final class TradeModule implements ShardModule, AccountGuard {
    private final TradeBook book;
    private final TradeCommands rules;
    private NotifyUrlHook notifyUrlHook = NotifyUrlHook.none;

    public TradeModule(ShardServices shard) {
        LedgerModule ledger = shard.module(LedgerModule.class);
        this.book = new TradeBook(ledger.archive());
        this.rules = new TradeCommands(book, ledger.postings(), shard.events());
        ledger.addAccountGuard(this);
    }

    /**
     * Sets the module that notifies the events of trades with a notify_url, in place of their
     * merchant's webhooks: one per shard, set when it is built.
     */
    public void notifyUrlHook(NotifyUrlHook hook) {
        if (notifyUrlHook != NotifyUrlHook.none) {
            throw new IllegalStateException("a trade module takes one notify_url hook");
        }
        notifyUrlHook = hook;
        rules.notifyUrlHook(hook);
    }

    /**
     * Adds a module that takes part in every payment and refund on this shard, inside their
     * groups of transfers ({@link TradeHook}): set when it is built.
     */
    public void addHook(TradeHook hook) {
        rules.addHook(hook);
    }

    /** The read facade: merchants, trades, orders, notifications (under the shard's read lock). */
    public TradeBook book() {
        return book;
    }

    @Override
    public String name() {
        return "trade";
    }

    @Override
    public CommandFamily family() {
        return new TradeFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof TradeAction a) {
            out[at] = rules.act(a, ts);
        } else if (c instanceof PayTrade p) {
            out[at] = rules.payTrade(p, PayGatewayTrade.Terms.none, ts);
        } else if (c instanceof PayGatewayTrade g) {
            out[at] = rules.payTrade(g.payment(), g.terms(), ts);
        } else if (c instanceof CreateTrade t) {
            out[at] = rules.createTrade(t, ts);
        } else if (c instanceof ClaimTradeName n) {
            out[at] = rules.claimName(n);
        } else if (c instanceof BindTradeBuyer b) {
            out[at] = rules.bindBuyer(b, ts);
        } else if (c instanceof RecordDelivery d) {
            out[at] = rules.recordDelivery(d);
        } else if (c instanceof CreateMerchant m) {
            out[at] = rules.createMerchant(m, ts);
        } else {
            throw new IllegalArgumentException("not a trade command: " + c);
        }
        book.archiveFinal(ts);
    }

    @Override
    public void beforeApply() {
        rules.beginBatch();
    }

    @Override
    public void tick(long ts) {
        rules.tick(ts);
    }

    @Override
    public long nextDueAt() {
        return book.nextDueAt();
    }

    @Override
    public Result inUse(long accountId, long ownerUserId) {
        Merchant m = book.merchant(ownerUserId);
        return m != null && m.settlementAccountId() == accountId ? Result.account_in_use : Result.ok;
    }

    @Override
    public Result walletNeeded(long userId) {
        return book.hasOpenTrades(userId) ? Result.account_has_open_trades : Result.ok;
    }

    /**
     * Section 1 is the escrow-only form (snapshot version 3), 2 adds the gateway's part, 3 leaves
     * apps and gateway notifications to the gateway module's own section, adds the name claims, and
     * holds only the records in the heap and counts those in the history store.
     */
    @Override
    public int sectionVersion() {
        return TradeSnapshot.current;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        TradeSnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        TradeSnapshot.read(book, in, version, notifyUrlHook);
    }

    @Override
    public void clear() {
        TradeSnapshot.clear(book);
    }

    @Override
    public long digest() {
        return TradeSnapshot.digest(book);
    }
}
