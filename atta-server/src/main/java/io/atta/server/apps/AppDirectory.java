package io.atta.server.apps;

import io.atta.engine.gateway.App;
import io.atta.server.cache.BoundedCache;
import io.atta.server.http.ServerLedger;

import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;

/**
 * Alipay gateway apps by app id, read from their merchant's shard (the app id's slot is the
 * merchant's) and then kept, with their public key parsed once: an app never changes. An
 * unknown id is read every time, since it may be registered at any moment.
 */
public final class AppDirectory {
    /** Apps kept in memory. */
    static final int maxCachedApps = 1 << 14;

    /** An app with its parsed public key. */
    public record KnownApp(App record, PublicKey publicKey) {
        public long appId() {
            return record.appId();
        }

        public long merchantId() {
            return record.merchantId();
        }
    }

    private final ServerLedger ledger;
    private final BoundedCache<KnownApp> apps = new BoundedCache<>(maxCachedApps);

    public AppDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The app, or null when no app has this id. */
    public CompletableFuture<KnownApp> app(long appId) {
        KnownApp kept = apps.get(appId);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        if (appId <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return ledger.read(appId, l -> l.app(appId)).thenApply(a -> {
            if (a == null) {
                return null;
            }
            KnownApp known = new KnownApp(a, AppKeys.publicKey(a.publicKey()));
            apps.put(appId, known);
            return known;
        });
    }
}
