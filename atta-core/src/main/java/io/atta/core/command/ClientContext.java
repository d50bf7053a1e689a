package io.atta.core.command;

/**
 * What the edge saw of a user-initiated money movement, carried in its command so that the shard
 * can screen it where the user's features live (docs/RISK.md, Client context): the user on whose
 * behalf it is made (the payer of a P2P payment an operator's key makes, too), a hash of the
 * {@code Atta-Device-Id} header and the client's address. A command without a context (every
 * command of an older log) was not made through the edge for a user's device, or is older than
 * risk control.
 *
 * @param userId     the user the movement is made for (never 0)
 * @param deviceHash the first 63 bits of SHA-256 of the device id; 0 when the request had none
 * @param ipHigh     the client address as IPv6 (an IPv4 address mapped, ::ffff:a.b.c.d): its first 64 bits
 * @param ipLow      its last 64 bits
 */
public record ClientContext(long userId, long deviceHash, long ipHigh, long ipLow) {
    /** The bytes of a context in a batch. */
    public static final int bytes = 4 * 8;

    public ClientContext {
        if (userId == 0) {
            throw new IllegalArgumentException("a client context names its user");
        }
    }
}
