package io.atta.cluster.transaction;

/**
 * Fault injection for the transaction protocol: the driver asks at every step whether the
 * process should die there. Tests use it to stop a driver in its tracks (in process) or to
 * kill the server process with SIGKILL (crash tests); production runs with {@link #none}.
 */
@FunctionalInterface
public interface CrashPoints {
    /** The steps of driving one transaction, in protocol order. */
    enum Step {
        /** Begun on the coordinator (its own pieces prepared), no prepare sent. */
        beforePrepare,
        /** The k-th participant's prepare acknowledged (k from 1). */
        afterPrepare,
        /** Every vote in, the decision not yet logged. */
        beforeDecide,
        /** The decision logged on the coordinator (its own pieces resolved with it). */
        afterDecide,
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
