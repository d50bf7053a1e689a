package io.atta.cluster.transaction;

/**
 * Fault injection for the transaction protocol: the driver asks at every step whether the
 * process should die there. Tests use it to stop a driver in its tracks (in process) or to
 * kill the server process with SIGKILL (crash tests); production runs with {@link #none}.
 */
@FunctionalInterface
public interface CrashPoints {
    /**
     * The steps of driving one transaction, in protocol order. A transaction with one participant,
     * which decides it, is answered after {@code afterPrepare:1}; its coordinator records the
     * decision after the answer ({@code beforeDecide}, {@code afterDecide}, finishing in the same
     * entry), and it has no resolve.
     */
    enum Step {
        /** Begun on the coordinator (its own pieces prepared), no prepare sent. */
        beforePrepare,
        /** The k-th participant's prepare acknowledged (k from 1). */
        afterPrepare,
        /** Every vote in, the decision not yet logged. */
        beforeDecide,
        /** The decision logged on the coordinator (its own pieces resolved with it). */
        afterDecide,
        /** Every decision of the group durable and its callers answered; nothing resolved yet. */
        afterAnswer,
        /** The k-th participant's post or void acknowledged (k from 1). */
        afterResolve,
        /** Every participant resolved, the finish not yet logged. */
        beforeFinish
    }

    /** True when the process should die at this step; {@code ordinal} counts participants, else 0. */
    boolean dieAt(Step step, int ordinal);

    static CrashPoints none() {
        return (step, ordinal) -> false;
    }
}
