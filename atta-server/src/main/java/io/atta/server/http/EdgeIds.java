package io.atta.server.http;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;

import java.util.random.RandomGenerator;

/**
 * Ids the edge picks for users, accounts, merchants and keys: in the user range (above the house
 * accounts) and below the platform's derived range, either drawn at random or derived from a
 * client's request id (so that a repeated request names the same objects). A pick that is taken
 * is refused by the ledger; a random one is then drawn again.
 */
public final class EdgeIds {
    private static final long span = Ids.platformLocalBit - Ids.firstUserLocalId;

    private EdgeIds() {
    }

    /** A random id in {@code slot}. */
    public static long random(RandomGenerator random, int slot) {
        return Ids.compose(slot, Ids.firstUserLocalId + (random.nextLong() & Long.MAX_VALUE) % span);
    }

    /** The slot an object created under {@code requestKey} goes to ({@code "user:" + request_id}, say). */
    public static int derivedSlot(String requestKey) {
        return Ids.slotForHash(DerivedIds.of(requestKey));
    }

    /** The id named {@code part} ("user", "wallet"…) of the object created under {@code requestKey}, in {@code slot}. */
    public static long derived(int slot, String requestKey, String part) {
        return Ids.compose(slot, Ids.firstUserLocalId + DerivedIds.of(requestKey + "/" + part) % span);
    }
}
