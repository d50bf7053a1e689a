package io.atta.engine.access;

import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.CreateKey;
import io.atta.core.command.Result;
import io.atta.core.command.RevokeKey;
import io.atta.engine.channel.ChannelBook;
import io.atta.engine.ledger.Postings;
import io.atta.engine.trade.TradeBook;

/**
 * The rules for API keys, applied on the shard that owns the slot of the key's id (the edge
 * draws it in its owner's slot: a user's or merchant's, a channel's, slot 0 for admin keys).
 * A key names who it acts for and nothing else; what each role may do is the edge's table
 * (docs/SECURITY.md). A user's own token is a key too, made when the user is created.
 */
public final class KeyCommands {
    /** The label of the key that a user's own token is. */
    public static final String ownTokenLabel = "own token";

    private final Keys keys;
    private final Postings postings;
    private final TradeBook trades;
    private final ChannelBook channels;

    public KeyCommands(Keys keys, Postings postings, TradeBook trades, ChannelBook channels) {
        this.keys = keys;
        this.postings = postings;
        this.trades = trades;
        this.channels = channels;
    }

    public Result createKey(CreateKey c, long ts) {
        if (c.keyId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (c.keyId() < 0 || !postings.ownsSlot(Ids.slotOf(c.keyId()))) {
            return Result.accounts_on_different_shards;
        }
        Key existing = keys.byId.get(c.keyId());
        if (existing != null) {
            return sameKey(existing, c) ? Result.exists : Result.exists_with_different_fields;
        }
        if (!ownerFits(c)) {
            return Result.key_owner_invalid;
        }
        keys.byId.put(c.keyId(), new Key(c.keyId(), c.role(), c.ownerId(), c.expiresAt(), c.hash0(), c.hash1(),
                c.hash2(), c.hash3(), c.label(), c.createdByKeyId(), ts, 0));
        return Result.ok;
    }

    /** True when the key's role goes with its owner, and the owner is one this shard knows. */
    private boolean ownerFits(CreateKey c) {
        if (c.role() == null) {
            return false;
        }
        long owner = c.ownerId();
        return switch (c.role()) {
            case admin, reporting -> owner == 0;
            case user, fund_manager, insurer -> owner != 0 && inOwnerSlot(c) && postings.userExists(owner);
            case merchant -> owner != 0 && inOwnerSlot(c) && trades.merchant(owner) != null;
            case channel -> owner != 0 && channels.channel(owner) != null;
            // Lenders are recorded by the lending module, built after this one: a key for an id
            // that is no lender reads nothing (every lender route answers 404).
            case lender -> owner != 0 && inOwnerSlot(c);
        };
    }

    private static boolean inOwnerSlot(CreateKey c) {
        return Ids.slotOf(c.keyId()) == Ids.slotOf(c.ownerId());
    }

    private static boolean sameKey(Key k, CreateKey c) {
        return k.role() == c.role() && k.ownerId() == c.ownerId() && k.expiresAt() == c.expiresAt()
                && k.hash0() == c.hash0() && k.hash1() == c.hash1() && k.hash2() == c.hash2()
                && k.hash3() == c.hash3() && k.label().equals(c.label()) && k.createdByKeyId() == c.createdByKeyId();
    }

    /**
     * Revokes a key from {@code effectiveAt} (the command's own time when 0). A revoke never
     * extends an earlier one: a key revoked after a grace period can be cut off sooner, never
     * later. Revoking a key that is already revoked at least as early changes nothing ({@code ok}).
     */
    public Result revokeKey(RevokeKey c, long ts) {
        if (c.keyId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (c.keyId() < 0 || !postings.ownsSlot(Ids.slotOf(c.keyId()))) {
            return Result.accounts_on_different_shards;
        }
        Key k = keys.byId.get(c.keyId());
        if (k == null) {
            return Result.key_not_found;
        }
        long at = c.effectiveAt() == 0 ? ts : c.effectiveAt();
        if (k.revokedAt() == 0 || at < k.revokedAt()) {
            keys.byId.put(k.keyId(), new Key(k.keyId(), k.role(), k.ownerId(), k.expiresAt(), k.hash0(), k.hash1(),
                    k.hash2(), k.hash3(), k.label(), k.createdByKeyId(), k.createdAt(), at));
        }
        return Result.ok;
    }

    /** True when a key has this id: a user may not be created with it (its token would be that key). */
    public boolean idTaken(long id) {
        return keys.byId.containsKey(id);
    }

    /**
     * Records a new user's own token as its key (id and owner the user id, role user), when the
     * shard has just created the user.
     */
    public void userCreated(long userId, long hash0, long hash1, long hash2, long hash3, long ts) {
        Key previous = keys.byId.put(userId, ownToken(userId, hash0, hash1, hash2, hash3, ts));
        if (previous != null) {
            throw new IllegalStateException("user " + userId + " created over key " + previous.keyId());
        }
    }

    /** The key a user's own token is. */
    public static Key ownToken(long userId, long hash0, long hash1, long hash2, long hash3, long createdAt) {
        return new Key(userId, Role.user, userId, 0, hash0, hash1, hash2, hash3, ownTokenLabel, 0, createdAt, 0);
    }
}
