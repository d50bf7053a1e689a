package io.atta.server.trades;

import io.atta.cluster.transaction.KillAtStep;

/**
 * Fault injection between the pay saga's steps (the bind on the order's shard, then the hold on
 * the buyer's): tests stop a payment there, in process or by killing the server with SIGKILL
 * ({@code -Datta.crashAtPay=afterBind}); production runs with {@link #none}.
 */
@FunctionalInterface
public interface PayCrashPoints {
    /** The system property that asks a server process to die between the steps. */
    String property = "atta.crashAtPay";

    /** True when the payment should stop after its buyer was bound, before the hold is sent. */
    boolean dieAfterBind();

    static PayCrashPoints none() {
        return () -> false;
    }

    /** {@code afterBind} in {@value #property}: this process is killed there; otherwise none. */
    static PayCrashPoints fromSystemProperty() {
        String spec = System.getProperty(property);
        if (spec == null || spec.isBlank()) {
            return none();
        }
        if (!spec.trim().equals("afterBind")) {
            throw new IllegalArgumentException(property + ": unknown step '" + spec + "' (the one step is afterBind)");
        }
        return () -> {
            KillAtStep.killThisProcess();
            return true;
        };
    }
}
