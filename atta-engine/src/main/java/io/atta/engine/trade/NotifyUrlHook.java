package io.atta.engine.trade;

import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeEventType;

import java.io.DataInput;
import java.io.IOException;

/**
 * The module that notifies the events of trades opened with a notify_url (the Alipay gateway's
 * {@code trade_status_sync}), in place of their merchant's webhooks. The trade module tells it
 * each event of such a trade in the command that made it, numbering what it queues from the
 * shard's one notification sequence, so that a {@link RecordDelivery} names one notification of
 * either outbox; it asks it about the deliveries its own outbox does not hold. The trade module
 * knows no more of it than this.
 *
 * <p>A trade section of version 2 or older (written before the gateway had a module of its own)
 * holds the gateway's apps and notices; the trade module hands those parts to the hook to read.
 */
public interface NotifyUrlHook {
    /** True when an event of this type is notified to the trade's notify_url. */
    boolean notifies(TradeEventType type);

    /** Queues notification number {@code seq} of an event it {@link #notifies}. */
    void queue(long seq, NotifyUrlEvent event);

    /**
     * Records a delivery of one of its notifications, or answers {@code notification_not_found};
     * the trade module counts the abandoned ones with its own.
     */
    Result recordDelivery(RecordDelivery d);

    /** A trade section of version 2 or older is being read: the hook's state is replaced by what it holds. */
    void legacyBegin();

    /** Reads the apps part of a version-2 trade section (count, then each app). */
    void legacyApps(DataInput in) throws IOException;

    /**
     * Reads the gateway tail a version-2 trade section writes after each notification; true when
     * it was a gateway notification (then the hook keeps it, and the trade module does not).
     */
    boolean legacyNotice(Notification base, DataInput in) throws IOException;

    /**
     * The hook of a shard without a gateway: such trades notify no one; an older section's
     * gateway parts are refused.
     */
    NotifyUrlHook none = new NotifyUrlHook() {
        @Override
        public boolean notifies(TradeEventType type) {
            return false;
        }

        @Override
        public void queue(long seq, NotifyUrlEvent event) {
            throw new IllegalStateException("no gateway module to notify " + event);
        }

        @Override
        public Result recordDelivery(RecordDelivery d) {
            return Result.notification_not_found;
        }

        @Override
        public void legacyBegin() {
        }

        @Override
        public void legacyApps(DataInput in) throws IOException {
            if (in.readInt() != 0) {
                throw new IOException("a trade section with gateway apps needs a gateway module");
            }
        }

        @Override
        public boolean legacyNotice(Notification base, DataInput in) throws IOException {
            if (in.readBoolean()) {
                throw new IOException("a trade section with gateway notifications needs a gateway module");
            }
            return false;
        }
    };
}
