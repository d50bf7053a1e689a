package io.atta.engine.gateway;

import io.atta.engine.trade.Outbox;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard's part of the Alipay gateway: the apps of its merchants and the outbox of
 * notifications to the notify_url of its trades. {@link GatewayModule} changes it; readers hold
 * the shard's read lock.
 */
public final class GatewayBook {
    /** Apps of this shard's merchants, and each merchant's app ids, oldest first. */
    final Long2ObjectHashMap<App> apps = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<LongArrayList> appsByMerchant = new Long2ObjectHashMap<>();
    final Outbox<GatewayNotification> outbox = new Outbox<>(GatewayNotification::seq,
            GatewayNotification::nextAttemptAt);

    /** Adds an app to the apps and to its merchant's list; apps are added oldest first. */
    void addApp(App a) {
        apps.put(a.appId(), a);
        appsByMerchant.computeIfAbsent(a.merchantId(), k -> new LongArrayList()).addLong(a.appId());
    }

    void clear() {
        apps.clear();
        appsByMerchant.clear();
        outbox.clear();
    }

    // ---- Reads (callers keep the applying thread out while they read) ----

    /** The app with this id, if its merchant is on this shard; else null. */
    public App app(long appId) {
        return apps.get(appId);
    }

    /** The merchant's apps, in the order they were registered. */
    public List<App> apps(long merchantId) {
        LongArrayList ids = appsByMerchant.get(merchantId);
        List<App> out = new ArrayList<>(ids == null ? 0 : ids.size());
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                out.add(apps.get(ids.getLong(i)));
            }
        }
        return out;
    }

    /** Notifications due for delivery by {@code now} (ns), the longest due first, at most {@code max}. */
    public List<GatewayNotification> notificationsDue(long now, int max) {
        return outbox.due(now, max);
    }

    public int outboxSize() {
        return outbox.size();
    }
}
