package io.atta.cluster;

/**
 * Why a shard could not take or answer a request: an operational condition, not a business
 * outcome and not a bug. Stackless: it is thrown under load.
 */
public final class ServiceException extends RuntimeException {
    public enum Reason {
        /** The shard's queue is full; try again shortly (HTTP 429). */
        busy,
        /** This node does not lead the shard's group, or the group has no leader yet (HTTP 503). */
        notLeader,
        /** The node is shutting down (HTTP 503). */
        stopped,
        /** Raft refused or failed the entry; the outcome is unknown, retry with the same ids (HTTP 503). */
        unavailable
    }

    private final Reason reason;

    public ServiceException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
