package io.atta.server.trades;

import io.atta.cluster.transaction.KillAtStep;

/**
 * Fault injection between the pay saga's steps (the bind on the order's shard, then the hold on
 * the buyer's), and between a placed create's steps (the claim of its name on the name's shard,
 * then the create on the buyer's): tests stop a payment or a create there, in process or by
 * killing the server with SIGKILL ({@code -Datta.crashAtPay=afterBind}, {@code afterClaim});
 * production runs with {@link #none}.
 */
@FunctionalInterface
public interface PayCrashPoints {
    /** The system property that asks a server process to die between the steps. */
    String property = "atta.crashAtPay";

    /** True when the payment should stop after its buyer was bound, before the hold is sent. */
    boolean dieAfterBind();

    /** True when a create should stop after its name was claimed on another shard, before the create is sent. */
    default boolean dieAfterClaim() {
        return false;
    }

    static PayCrashPoints none() {
        return () -> false;
    }

    /** {@code afterBind} or {@code afterClaim} in {@value #property}: this process is killed there; otherwise none. */
    static PayCrashPoints fromSystemProperty() {
        String spec = System.getProperty(property);
        if (spec == null || spec.isBlank()) {
            return none();
        }
        String step = spec.trim();
        if (!step.equals("afterBind") && !step.equals("afterClaim")) {
            throw new IllegalArgumentException(property + ": unknown step '" + spec
                    + "' (the steps are afterBind and afterClaim)");
        }
        return new PayCrashPoints() {
            @Override
            public boolean dieAfterBind() {
                return step.equals("afterBind") && kill();
            }

            @Override
            public boolean dieAfterClaim() {
                return step.equals("afterClaim") && kill();
            }

            private boolean kill() {
                KillAtStep.killThisProcess();
                return true;
            }
        };
    }
}
