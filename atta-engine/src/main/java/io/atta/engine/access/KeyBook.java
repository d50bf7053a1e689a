package io.atta.engine.access;

import java.util.List;

/**
 * The API keys of one shard (read side; the rules that write it are applied by the shard).
 * Read under the shard's read lock.
 */
public interface KeyBook {
    /** The key with this id, or null. A user's own token is the key whose id is the user id. */
    Key key(long keyId);

    /** The keys of one owner (0: admin keys) on this shard, in creation order. */
    List<Key> keysOf(long ownerId);

    /** Every key on this shard, in creation order. */
    List<Key> all();
}
