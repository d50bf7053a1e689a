package io.atta.server.keys;

import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.Command;
import io.atta.core.command.CreateKey;
import io.atta.core.command.Result;
import io.atta.core.command.RevokeKey;
import io.atta.engine.access.Key;
import io.atta.server.auth.Caller;
import io.atta.server.auth.UserTokens;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.PageQuery;
import io.atta.server.http.EdgeIds;
import io.atta.server.http.Reply;
import io.atta.server.http.ShardPages;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * API keys (docs/API.md, Keys; docs/SECURITY.md): create, list, read, rotate, revoke. A key is
 * {@code atk_<key_id>_<secret>}; its id is drawn in its owner's slot (admin keys: slot 0), so the
 * key lives on its owner's shard and any node finds it by the id alone. The secret is shown once,
 * when the key is made; the ledger keeps only its SHA-256.
 */
public final class KeyApi {
    public static final int maxKeyLabelLength = 100;
    /** The longest a rotated key keeps working next to its successor. */
    public static final int maxRotateGraceSeconds = 86_400;
    static final int maxCreateAttempts = 8;
    private static final long nanosPerSecond = 1_000_000_000L;
    private static final Logger audit = LoggerFactory.getLogger("atta.audit");
    private static final Set<String> createFields = Set.of("role", "owner_id", "expires_at", "label");
    private static final Set<String> rotateFields = Set.of("grace_seconds");
    private static final Set<String> listParams = Set.of("owner_id", "role", "limit", "after");

    private final ServerLedger ledger;
    private final LongSupplier nowNanos;
    private final SecureRandom random = new SecureRandom();

    public KeyApi(ServerLedger ledger, LongSupplier nowNanos) {
        this.ledger = ledger;
        this.nowNanos = nowNanos;
    }

    private record Terms(Role role, long ownerId, long expiresAt, String label) {
    }

    /** A key just made, with its text (shown this once). */
    private record Issued(Key key, String text) {
    }

    /** {@code POST /v1/keys}: the admin makes any key; a user or merchant makes keys of its own role for itself. */
    public CompletableFuture<Reply> create(ApiCall call) {
        Caller caller = call.caller();
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        Role role = Role.ofName(body.string("role"));
        if (role == null) {
            throw ApiException.invalidField("role", "must be one of " + Role.names());
        }
        long owner = owner(caller, role, body);
        long expiresAt = 0;
        if (body.has("expires_at")) {
            expiresAt = ValueText.instantNanos(body.string("expires_at"), "expires_at");
            if (expiresAt <= nowNanos.getAsLong()) {
                throw ApiException.invalidField("expires_at", "must be in the future");
            }
        }
        String label = body.has("label")
                ? PlainText.optionalText(body.string("label"), "label", maxKeyLabelLength, "maxKeyLabelLength") : "";
        return issue(caller, new Terms(role, owner, expiresAt, label), 1).thenApply(issued -> {
            audit.info("key created: key_id={} role={} owner_id={} by_key_id={}", issued.key().keyId(),
                    role.apiName(), owner, caller.keyId());
            return Reply.object(201, g -> {
                KeyJson.fields(g, issued.key(), nowNanos.getAsLong());
                g.writeStringField("key", issued.text());
            });
        });
    }

    /** Whom a new key acts for: admin keys have no owner; others name one, and only the admin names another's. */
    private static long owner(Caller caller, Role role, Fields body) {
        if (!caller.isAdmin()) {
            if (role != caller.role()) {
                throw ApiException.forbidden("a " + caller.role().apiName() + " key may create only "
                        + caller.role().apiName() + " keys", "role");
            }
            if (body.has("owner_id") && body.id("owner_id") != caller.ownerId()) {
                throw ApiException.forbidden("this key may create keys only for itself (owner "
                        + caller.ownerId() + ")", "owner_id");
            }
            return caller.ownerId();
        }
        if (role == Role.admin || role == Role.reporting) {
            if (body.has("owner_id")) {
                throw ApiException.invalidField("owner_id", "must be absent: " + role.apiName()
                        + " keys have no owner");
            }
            return 0;
        }
        if (!body.has("owner_id")) {
            throw ApiException.missingField("owner_id");
        }
        return body.id("owner_id");
    }

    /** Draws a key id in the owner's slot and makes the key; a taken id is drawn again. */
    private CompletableFuture<Issued> issue(Caller caller, Terms t, int attempt) {
        long keyId = EdgeIds.random(random, t.ownerId() == 0 ? 0 : Ids.slotOf(t.ownerId()));
        String text = UserTokens.issue(keyId, random);
        long[] h = UserTokens.words(UserTokens.sha256(text));
        CreateKey command = new CreateKey(keyId, t.role(), t.ownerId(), t.expiresAt(), h[0], h[1], h[2], h[3],
                t.label(), caller.keyId());
        return ledger.submit(ledger.shardOf(keyId), new Command[] {command}).thenCompose(rs -> {
            Result r = rs[0];
            if (r == Result.ok) {
                return ledger.read(keyId, l -> l.keys().key(keyId)).thenApply(k -> new Issued(k, text));
            }
            if ((r == Result.exists || r == Result.exists_with_different_fields) && attempt < maxCreateAttempts) {
                return issue(caller, t, attempt + 1);
            }
            if (r == Result.key_owner_invalid) {
                throw new ApiException(409, r.apiName(), "owner_id " + t.ownerId() + " is no "
                        + t.role().apiName() + " a " + t.role().apiName() + " key can act for", "owner_id");
            }
            throw ApiException.refused(r);
        });
    }

    /** {@code GET /v1/keys/{id}}: the key's record, never its secret or hash. */
    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        return managed(call.caller(), id).thenApply(k -> Reply.ok(g -> KeyJson.fields(g, k.key(),
                nowNanos.getAsLong())));
    }

    /**
     * {@code GET /v1/me}: who the calling key is, as the authenticator found it: its role (a
     * merchant's own token acts as {@code merchant}), its id and its owner. Reads nothing more: a
     * key that authenticated exists.
     */
    public static CompletableFuture<Reply> me(ApiCall call) {
        Caller caller = call.caller();
        return CompletableFuture.completedFuture(Reply.ok(g -> {
            g.writeStringField("role", caller.role().apiName());
            g.writeStringField("key_id", Long.toString(caller.keyId()));
            if (caller.isAdmin()) {
                g.writeNullField("owner_id");
            } else {
                g.writeStringField("owner_id", Long.toString(caller.ownerId()));
            }
        }));
    }

    /** {@code POST /v1/keys/{id}/revoke}: answers 401 from now on, on every node. */
    public CompletableFuture<Reply> revoke(ApiCall call) {
        long id = call.pathId("id");
        Fields.of(Json.object(call.body(), true), "", Set.of());
        Caller caller = call.caller();
        return managed(caller, id).thenCompose(k -> submitRevoke(id, 0)).thenCompose(v -> {
            audit.info("key revoked: key_id={} by_key_id={}", id, caller.keyId());
            return ledger.read(id, l -> l.keys().key(id));
        }).thenApply(k -> Reply.ok(g -> KeyJson.fields(g, k, nowNanos.getAsLong())));
    }

    /**
     * {@code POST /v1/keys/{id}/rotate}: a new key with the same role, owner, expiry and label; the
     * old one is revoked at once, or after {@code grace_seconds} so that a fleet can switch over.
     */
    public CompletableFuture<Reply> rotate(ApiCall call) {
        long id = call.pathId("id");
        Fields body = Fields.of(Json.object(call.body(), true), "", rotateFields);
        int grace = body.integer("grace_seconds", 0, maxRotateGraceSeconds, 0, "maxRotateGraceSeconds");
        Caller caller = call.caller();
        return managed(caller, id).thenCompose(old -> {
            long now = nowNanos.getAsLong();
            String status = KeyJson.status(old.key(), now);
            if (!status.equals("active")) {
                throw new ApiException(409, "key_" + status, "key " + id + " is " + status + ": make a new key instead",
                        null);
            }
            Key k = old.key();
            // A merchant's own token (a user key by record) acts as the merchant: so does its successor.
            Role role = old.merchantOwnToken() ? Role.merchant : k.role();
            long revokeAt = grace == 0 ? 0 : now + grace * nanosPerSecond;
            return issue(caller, new Terms(role, k.ownerId(), k.expiresAt(), k.label()), 1)
                    .thenCompose(issued -> submitRevoke(id, revokeAt).thenApply(v -> issued));
        }).thenApply(issued -> {
            audit.info("key rotated: key_id={} new_key_id={} grace_seconds={} by_key_id={}", id,
                    issued.key().keyId(), grace, caller.keyId());
            return Reply.object(201, g -> {
                KeyJson.fields(g, issued.key(), nowNanos.getAsLong());
                g.writeStringField("key", issued.text());
                g.writeStringField("rotated_key_id", Long.toString(id));
            });
        });
    }

    private CompletableFuture<Void> submitRevoke(long keyId, long effectiveAt) {
        return ledger.submit(ledger.shardOf(keyId), new Command[] {new RevokeKey(keyId, effectiveAt)})
                .thenAccept(rs -> {
                    if (rs[0] != Result.ok && rs[0] != Result.exists) {
                        throw ApiException.refused(rs[0]);
                    }
                });
    }

    private record Managed(Key key, boolean merchantOwnToken) {
    }

    /** The key, when the caller may manage it: 404 when there is none, 403 when it is another's. */
    private CompletableFuture<Managed> managed(Caller caller, long keyId) {
        return ledger.read(keyId, l -> {
            Key k = l.keys().key(keyId);
            return k == null ? null : new Managed(k, k.role() == Role.user && k.keyId() == k.ownerId()
                    && l.trades().merchant(k.ownerId()) != null);
        }).thenApply(m -> {
            if (m == null) {
                throw ApiException.notFound("no key " + keyId);
            }
            if (!mayManage(caller, m.key())) {
                throw ApiException.forbidden("this key may not manage key " + keyId, null);
            }
            return m;
        });
    }

    /**
     * The admin manages every key; a channel its channel's keys; a user or merchant its own keys;
     * a fund manager its own fund manager keys.
     */
    static boolean mayManage(Caller caller, Key k) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.role() == Role.channel || caller.role() == Role.fund_manager || caller.role() == Role.insurer) {
            return k.role() == caller.role() && k.ownerId() == caller.ownerId();
        }
        return (k.role() == Role.user || k.role() == Role.merchant) && k.ownerId() == caller.userId();
    }

    /** {@code GET /v1/keys?owner_id=&role=&limit=&after=}: the admin sees every key, others their own. */
    public CompletableFuture<Reply> list(ApiCall call) {
        Caller caller = call.caller();
        String ownerText = call.query("owner_id", listParams);
        String roleText = call.query("role", listParams);
        PageQuery page = PageQuery.of(call, listParams);
        Role role = roleText == null ? null : Role.ofName(roleText);
        if (roleText != null && role == null) {
            throw ApiException.invalidField("role", "must be one of " + Role.names());
        }
        long owner = ownerText == null ? 0 : ValueText.id(ownerText, "owner_id");
        if (!caller.isAdmin()) {
            if (owner != 0 && owner != caller.ownerId()) {
                throw ApiException.forbidden("this key may list only its own keys (owner " + caller.ownerId() + ")",
                        "owner_id");
            }
            owner = caller.ownerId();
        }
        long ownerFilter = owner;
        int[] shards = ownerFilter == 0 ? null : new int[] {ledger.shardOf(ownerFilter)};
        return ShardPages.page(ledger, shards, page, Key::keyId, l -> {
            List<Key> out = new ArrayList<>();
            for (Key k : ownerFilter == 0 ? l.keys().all() : l.keys().keysOf(ownerFilter)) {
                if ((role == null || k.role() == role) && mayManage(caller, k)) {
                    out.add(k);
                }
            }
            return out;
        }).thenApply(shown -> {
            long now = nowNanos.getAsLong();
            return Reply.ok(g -> {
                g.writeArrayFieldStart("keys");
                for (Key k : shown) {
                    g.writeStartObject();
                    KeyJson.fields(g, k, now);
                    g.writeEndObject();
                }
                g.writeEndArray();
                ShardPages.writeNext(g, page, shown, Key::keyId);
            });
        });
    }
}
