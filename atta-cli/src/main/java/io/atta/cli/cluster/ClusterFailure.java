package io.atta.cli.cluster;

/**
 * An {@code atta cluster} operation that could not be done, for a reason outside the program:
 * a node that does not answer, a raft group that refuses a change, a port in use. The message
 * is for the operator: it says what failed and, where it can, what to do or where to look.
 */
public final class ClusterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterFailure(String message) {
        super(message);
    }

    public ClusterFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
