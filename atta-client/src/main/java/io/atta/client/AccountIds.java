package io.atta.client;

import io.atta.core.Ids;

/**
 * Client-chosen account ids. An account id must carry its owner's slot and a local part at or
 * above {@link Ids#firstUserLocalId}; choosing it on the client makes account creation
 * idempotent, so a retry after a timeout cannot create a second account.
 */
public final class AccountIds {
    private AccountIds() {
    }

    /** The {@code n}-th (from 0) client-chosen account id of a user. */
    public static long forOwner(long userId, long n) {
        if (n < 0 || n > Ids.localMask - Ids.firstUserLocalId) {
            throw new IllegalArgumentException("account number out of range: " + n);
        }
        return Ids.compose(Ids.slotOf(userId), Ids.firstUserLocalId + n);
    }
}
