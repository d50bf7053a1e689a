package io.atta.engine.ledger;

import io.atta.core.command.Result;

/** A domain that may still need an account its owner asks to close (trades: a settlement account, a wallet with open trades). */
public interface AccountGuard {
    /** Why the account cannot close while this domain uses it (checked before its money), or ok. */
    Result inUse(long accountId, long ownerUserId);

    /** Why the user's wallet cannot close while this domain may still pay into it (checked after its money), or ok. */
    Result walletNeeded(long userId);
}
