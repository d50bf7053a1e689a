package io.atta.engine.ledger;

/**
 * A domain that keeps something per user (keys: a user's own token is a key) and must be asked
 * before a user id is taken and told when a user is created, in the same apply.
 */
public interface UserHook {
    /** True when the id is already this domain's (then a new user may not have it). */
    boolean idTaken(long userId);

    /** The user was created (its wallet too) by the command applied at {@code user.timestamp()}. */
    void userCreated(User user);
}
