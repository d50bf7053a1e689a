package io.atta.engine.trade;

import io.atta.engine.gateway.App;
import io.atta.engine.gateway.GatewayBook;
import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.gateway.GatewayNotification;
import io.atta.engine.ledger.ShardLedger;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes a shard's trades and gateway as the trade section of version 2 held them (snapshot
 * versions 4 and 5, and version 6 before the gateway had a module of its own): merchants, the
 * gateway's apps, orders, trades and receivables, then one outbox of webhooks and gateway
 * notifications by number, each followed by its gateway part (none for a webhook).
 */
public final class TradeSectionVersion2 {
    private TradeSectionVersion2() {
    }

    public static void write(ShardLedger l, DataOutput out) throws IOException {
        TradeBook b = l.trades();
        GatewayBook g = l.gateway();
        TradeSnapshot.writeMerchants(b, out);
        List<App> apps = new ArrayList<>();
        for (long merchantId : b.merchants.keySet()) {
            apps.addAll(g.apps(merchantId));
        }
        apps.sort(Comparator.comparingLong(App::appId));
        out.writeInt(apps.size());
        for (App a : apps) {
            out.writeLong(a.appId());
            out.writeLong(a.merchantId());
            out.writeUTF(a.name());
            out.writeUTF(a.publicKey());
            out.writeLong(a.createdAt());
        }
        TradeSnapshot.writeOrdersAndTrades(b, out);
        TreeMap<Long, GatewayNotification> outbox = new TreeMap<>();
        b.outbox.values().forEach(n -> outbox.put(n.seq(), new GatewayNotification(n, null)));
        g.notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE).forEach(n -> outbox.put(n.seq(), n));
        out.writeInt(outbox.size());
        for (GatewayNotification n : outbox.values()) {
            TradeSnapshot.writeNotification(n.notification(), out);
            writeNotice(n.notice(), out);
        }
        out.writeLong(b.nextNotificationSeq);
        out.writeLong(b.abandonedNotifications);
    }

    private static void writeNotice(GatewayNotice n, DataOutput out) throws IOException {
        out.writeBoolean(n != null);
        if (n != null) {
            out.writeLong(n.appId());
            out.writeUTF(n.notifyUrl());
            out.writeUTF(n.subject());
            out.writeLong(n.buyerUserId());
            out.writeLong(n.totalAmount());
            out.writeLong(n.createdAt());
            out.writeLong(n.paidAt());
            out.writeLong(n.refundedTotal());
            out.writeUTF(n.outRequestNo());
        }
    }
}
