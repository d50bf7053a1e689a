package io.atta.engine.gateway;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.gateway.CreateApp;
import io.atta.core.gateway.GatewayFamily;
import io.atta.core.trade.TradeEventType;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.Notification;
import io.atta.engine.trade.NotifyUrlEvent;
import io.atta.engine.trade.NotifyUrlHook;
import io.atta.engine.trade.TradeModule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Alipay gateway module: its merchants' apps and the notifications to its trades'
 * notify_url ({@link GatewayBook}). It is the trade module's {@link NotifyUrlHook}: the trade
 * module tells it the events of trades opened with a notify_url, and it renders nothing of the
 * trades beyond what those events carry.
 *
 * <p>Until it had a module of its own, its state was part of the trade section (version 2); the
 * trade module hands those parts to it when it reads such a section, and as such a snapshot has
 * no gateway section, the {@link #clear()} that follows keeps what was handed over.
 */
public final class GatewayModule implements ShardModule, NotifyUrlHook {
    private final GatewayBook book = new GatewayBook();
    private final GatewayCommands rules;
    /** The trade section read last was of the old form and handed this module its state. */
    private boolean handedOver;

    public GatewayModule(ShardServices shard) {
        TradeModule trade = shard.module(TradeModule.class);
        this.rules = new GatewayCommands(book, trade.book());
        trade.notifyUrlHook(this);
    }

    /** The read facade: apps and the gateway's outbox (under the shard's read lock). */
    public GatewayBook book() {
        return book;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public CommandFamily family() {
        return new GatewayFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof CreateApp a) {
            out[at] = rules.createApp(a, ts);
        } else {
            throw new IllegalArgumentException("not a gateway command: " + c);
        }
    }

    // ---- The trade module's hook ----

    @Override
    public boolean notifies(TradeEventType type) {
        return GatewayCommands.notifies(type);
    }

    @Override
    public void queue(long seq, NotifyUrlEvent event) {
        rules.queue(seq, event);
    }

    @Override
    public Result recordDelivery(RecordDelivery d) {
        return rules.recordDelivery(d);
    }

    @Override
    public void legacyBegin() {
        book.clear();
        handedOver = true;
    }

    @Override
    public void legacyApps(DataInput in) throws IOException {
        GatewaySnapshot.readApps(book, in);
    }

    @Override
    public boolean legacyNotice(Notification base, DataInput in) throws IOException {
        GatewayNotice notice = GatewaySnapshot.readNotice(in);
        if (notice == null) {
            return false;
        }
        book.outbox.put(new GatewayNotification(base, notice));
        return true;
    }

    // ---- Snapshot section and state hash ----

    @Override
    public int sectionVersion() {
        return GatewaySnapshot.current;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        GatewaySnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        handedOver = false;
        GatewaySnapshot.read(book, in);
    }

    /** Empty, unless the trade section just read was of the old form and handed this module its part. */
    @Override
    public void clear() {
        if (!handedOver) {
            book.clear();
        }
        handedOver = false;
    }

    @Override
    public long digest() {
        return GatewaySnapshot.digest(book);
    }
}
