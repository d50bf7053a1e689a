package io.atta.cli.cluster;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting, with a bound, for a process that was sent a signal to exit. */
final class ProcessExit {
    private ProcessExit() {
    }

    /** True when {@code p} exits within {@code timeoutMs}. */
    static boolean within(ProcessHandle p, long timeoutMs) throws InterruptedException {
        try {
            p.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails when {@code p} does not exit within {@code timeoutMs} of {@code signal}. */
    static void require(ProcessHandle p, long timeoutMs, String signal) throws InterruptedException {
        if (!within(p, timeoutMs)) {
            throw new ClusterFailure("process " + p.pid() + " did not exit within " + timeoutMs + " ms of " + signal);
        }
    }
}
