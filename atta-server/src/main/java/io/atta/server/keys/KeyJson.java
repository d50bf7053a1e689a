package io.atta.server.keys;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.auth.Role;
import io.atta.engine.access.Key;
import io.atta.server.json.ValueText;

import java.io.IOException;

/** A key as the API shows it: never its secret or its hash. */
final class KeyJson {
    private KeyJson() {
    }

    static void fields(JsonGenerator g, Key k, long now) throws IOException {
        g.writeStringField("key_id", Long.toString(k.keyId()));
        g.writeStringField("role", k.role().apiName());
        if (k.role() == Role.admin) {
            g.writeNullField("owner_id");
        } else {
            g.writeStringField("owner_id", Long.toString(k.ownerId()));
        }
        g.writeStringField("label", k.label());
        instant(g, "expires_at", k.expiresAt());
        g.writeStringField("created_at", ValueText.instant(k.createdAt()));
        g.writeStringField("created_by_key_id", Long.toString(k.createdByKeyId()));
        instant(g, "revoked_at", k.revokedAt());
        g.writeStringField("status", status(k, now));
    }

    /** {@code active}, {@code revoked} (from its revocation time on) or {@code expired}. */
    static String status(Key k, long now) {
        if (k.revokedAt() != 0 && now >= k.revokedAt()) {
            return "revoked";
        }
        return k.activeAt(now) ? "active" : "expired";
    }

    private static void instant(JsonGenerator g, String name, long nanos) throws IOException {
        if (nanos == 0) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, ValueText.instant(nanos));
        }
    }
}
