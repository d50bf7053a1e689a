package io.atta.client;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;

/**
 * Client-chosen account ids. An account id must carry its owner's slot and a local part in the
 * user range (at or above {@link Ids#firstUserLocalId}, below {@link Ids#platformLocalBit});
 * choosing it on the client makes account creation idempotent, so a retry after a timeout cannot
 * create a second account.
 */
public final class AccountIds {
    private static final long span = Ids.platformLocalBit - Ids.firstUserLocalId;

    private AccountIds() {
    }

    /**
     * The {@code n}-th (from 0) client-chosen account id of a user: derived from the user's id and
     * {@code n} (the first 63 bits of SHA-256 of {@code "account:<user_id>:<n>"}, reduced to the user
     * range), so two users of one slot never share an id by construction of the local part.
     */
    public static long forOwner(long userId, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("account number out of range: " + n);
        }
        return Ids.compose(Ids.slotOf(userId), Ids.firstUserLocalId + DerivedIds.of("account:" + userId + ":" + n) % span);
    }
}
