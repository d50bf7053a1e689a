package io.atta.engine.gateway;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One shard's part of the Alipay gateway: the apps of its merchants and the outbox of
 * notifications to the notify_url of its trades. {@link GatewayModule} changes it; readers hold
 * the shard's read lock.
 */
public final class GatewayBook {
    /** Apps of this shard's merchants, and each merchant's app ids, oldest first. */
    final Long2ObjectHashMap<App> apps = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<LongArrayList> appsByMerchant = new Long2ObjectHashMap<>();
    final TreeMap<Long, GatewayNotification> outbox = new TreeMap<>();
    /** The outbox by next attempt, so that finding what is due never walks a backlog that is not. */
    private final TreeSet<Attempt> attempts = new TreeSet<>();

    private record Attempt(long at, long seq) implements Comparable<Attempt> {
        @Override
        public int compareTo(Attempt o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Adds an app to the apps and to its merchant's list; apps are added oldest first. */
    void addApp(App a) {
        apps.put(a.appId(), a);
        appsByMerchant.computeIfAbsent(a.merchantId(), k -> new LongArrayList()).addLong(a.appId());
    }

    /** Puts a notification in the outbox, or replaces the one with its number. */
    void putNotification(GatewayNotification n) {
        GatewayNotification old = outbox.put(n.seq(), n);
        if (old != null) {
            attempts.remove(new Attempt(old.nextAttemptAt(), old.seq()));
        }
        attempts.add(new Attempt(n.nextAttemptAt(), n.seq()));
    }

    /** Takes a notification out of the outbox. */
    void removeNotification(long seq) {
        GatewayNotification old = outbox.remove(seq);
        if (old != null) {
            attempts.remove(new Attempt(old.nextAttemptAt(), seq));
        }
    }

    void clear() {
        apps.clear();
        appsByMerchant.clear();
        outbox.clear();
        attempts.clear();
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
        List<GatewayNotification> out = new ArrayList<>();
        for (Attempt a : attempts) {
            if (out.size() >= max || a.at() > now) {
                break;
            }
            out.add(outbox.get(a.seq()));
        }
        return out;
    }

    public int outboxSize() {
        return outbox.size();
    }
}
