package io.atta.engine.gateway;

import io.atta.engine.ledger.SnapshotDigest;
import io.atta.engine.trade.Notification;
import io.atta.engine.trade.TradeSnapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes and reads a {@link GatewayBook} (section version {@link #current}): its apps, by id,
 * then its outbox, by number. The apps and each
 * notification's notice are written as the trade section of version 2 wrote them, so that
 * {@link GatewayModule} reads that section's gateway parts with the same code.
 */
final class GatewaySnapshot {
    static final int current = 1;

    private GatewaySnapshot() {
    }

    static void write(GatewayBook b, DataOutput out) throws IOException {
        List<Long> ids = new ArrayList<>(b.apps.keySet());
        ids.sort(null);
        out.writeInt(ids.size());
        for (long id : ids) {
            App a = b.apps.get(id);
            out.writeLong(a.appId());
            out.writeLong(a.merchantId());
            out.writeUTF(a.name());
            out.writeUTF(a.publicKey());
            out.writeLong(a.createdAt());
        }
        out.writeInt(b.outbox.size());
        for (GatewayNotification g : b.outbox.values()) {
            TradeSnapshot.writeNotification(g.notification(), out);
            writeNotice(g.notice(), out);
        }
    }

    /** Replaces the book's state with a section of the {@link #current} version. */
    static void read(GatewayBook b, DataInput in) throws IOException {
        b.clear();
        readApps(b, in);
        int outbox = in.readInt();
        for (int i = 0; i < outbox; i++) {
            Notification n = TradeSnapshot.readNotification(in);
            GatewayNotice notice = readNotice(in);
            if (notice == null) {
                throw new IOException("gateway notification " + n.seq() + " has no notice");
            }
            b.outbox.put(new GatewayNotification(n, notice));
        }
    }

    /** Reads the apps (count, then each) into the book, which indexes them in the order registered. */
    static void readApps(GatewayBook b, DataInput in) throws IOException {
        int apps = in.readInt();
        List<App> byRegistration = new ArrayList<>(apps);
        for (int i = 0; i < apps; i++) {
            byRegistration.add(new App(in.readLong(), in.readLong(), in.readUTF(), in.readUTF(), in.readLong()));
        }
        byRegistration.sort(Comparator.comparingLong(App::createdAt).thenComparingLong(App::appId));
        byRegistration.forEach(b::addApp);
    }

    /** A notice as the trade section of version 2 wrote it after each notification: present, then its fields. */
    private static void writeNotice(GatewayNotice g, DataOutput out) throws IOException {
        out.writeBoolean(true);
        out.writeLong(g.appId());
        out.writeUTF(g.notifyUrl());
        out.writeUTF(g.subject());
        out.writeLong(g.buyerUserId());
        out.writeLong(g.totalAmount());
        out.writeLong(g.createdAt());
        out.writeLong(g.paidAt());
        out.writeLong(g.refundedTotal());
        out.writeUTF(g.outRequestNo());
    }

    /** Reads what {@link #writeNotice} wrote, or null where the trade section of version 2 wrote none (a webhook). */
    static GatewayNotice readNotice(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new GatewayNotice(in.readLong(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readUTF());
    }

    static long digest(GatewayBook b) {
        return SnapshotDigest.of(out -> write(b, out));
    }
}
