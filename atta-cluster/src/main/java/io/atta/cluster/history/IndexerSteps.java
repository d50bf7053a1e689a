package io.atta.cluster.history;

import io.atta.cluster.transaction.KillAtStep;

/**
 * The steps of projecting the log into the history store, where crash tests kill the process
 * and in-process tests hold the indexer. Production runs with {@link #none}; a real server takes
 * {@code -Datta.historyCrashAt=afterIndex:3} ({@link #fromSystemProperty}), counted per shard
 * from the start of the process, log replay included.
 */
public interface IndexerSteps {
    /** The system property that names the crash step. */
    String property = "atta.historyCrashAt";

    /** Where a crash test may kill the process. */
    enum Step {
        /**
         * The indexer stops before storing its k-th batch, and the process dies when the apply
         * thread appends the second batch after it: batches k and k + 1 are applied (and, for a
         * client that waits for each reply, acknowledged) but only in the tail.
         */
        afterApply,
        /** The k-th batch is in the store, but the tail still holds it and the indexed index is behind it. */
        afterIndex,
        /** The k-th snapshot: ledger written and history checkpointed, the snapshot not yet reported done. */
        midSnapshot
    }

    /** Called by the apply thread once its k-th batch (from 1) is in the tail. */
    default void appended(int k) {
    }

    /** Called by the indexer before it stores its k-th batch (from 1). */
    default void beforeIndex(int k) {
    }

    /** Called by the indexer once its k-th batch is stored, before the tail forgets it. */
    default void afterIndex(int k) {
    }

    /** Called in the k-th snapshot save, after the history checkpoint, before the snapshot is done. */
    default void midSnapshot(int k) {
    }

    static IndexerSteps none() {
        return new IndexerSteps() {
        };
    }

    /** The crash step the {@value #property} property names ({@code step:k}), or none. */
    static IndexerSteps fromSystemProperty() {
        String spec = System.getProperty(property);
        return spec == null || spec.isBlank() ? none() : killAt(spec);
    }

    /** Kills this process with SIGKILL at {@code spec} ({@code afterIndex:3}). */
    static IndexerSteps killAt(String spec) {
        String[] parts = spec.trim().split(":", 2);
        Step step = Step.valueOf(parts[0].trim());
        int at = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 1;
        if (at < 1) {
            throw new IllegalArgumentException(property + ": the batch or snapshot count starts at 1, not " + at);
        }
        return new IndexerSteps() {
            @Override
            public void appended(int k) {
                if (step == Step.afterApply && k == at + 2) {
                    KillAtStep.killThisProcess();
                }
            }

            @Override
            public void beforeIndex(int k) {
                if (step == Step.afterApply && k == at) {
                    // Hold the indexer until the apply thread kills the process.
                    while (!Thread.currentThread().isInterrupted()) {
                        java.util.concurrent.locks.LockSupport.park(this);
                    }
                }
            }

            @Override
            public void afterIndex(int k) {
                if (step == Step.afterIndex && k == at) {
                    KillAtStep.killThisProcess();
                }
            }

            @Override
            public void midSnapshot(int k) {
                if (step == Step.midSnapshot && k == at) {
                    KillAtStep.killThisProcess();
                }
            }

            @Override
            public String toString() {
                return property + "=" + step.name() + ":" + at;
            }
        };
    }
}
