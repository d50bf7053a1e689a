package io.atta.cluster.transaction;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Crash points for crash tests of a real server process: {@code -Datta.crashAt=afterDecide} or
 * {@code afterPrepare:2} sends SIGKILL to this very process the first time a transaction
 * reaches that step, so that nothing after it (no flush, no shutdown hook) happens.
 */
public final class KillAtStep implements CrashPoints {
    /** The system property that names the step. */
    public static final String property = "atta.crashAt";

    private final Step step;
    private final int ordinal;

    private KillAtStep(Step step, int ordinal) {
        this.step = step;
        this.ordinal = ordinal;
    }

    /** The crash points the {@value #property} property asks for, or none. */
    public static CrashPoints fromSystemProperty() {
        String spec = System.getProperty(property);
        return spec == null || spec.isBlank() ? CrashPoints.none() : parse(spec);
    }

    static KillAtStep parse(String spec) {
        String[] parts = spec.trim().split(":", 2);
        for (Step s : Step.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(parts[0].toLowerCase(Locale.ROOT))) {
                return new KillAtStep(s, parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
            }
        }
        throw new IllegalArgumentException(property + ": unknown step '" + parts[0] + "'");
    }

    @Override
    public boolean dieAt(Step reached, int k) {
        if (reached != step || k != ordinal) {
            return false;
        }
        killThisProcess();
        return true;
    }

    /**
     * Sends SIGKILL to this very process and waits for it; halts with 137 should the signal not
     * come. Never returns.
     */
    public static void killThisProcess() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(10_000);
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
