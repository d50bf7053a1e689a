package io.atta.it.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a cluster test must undo however it ends: node processes (they run in their own session
 * and outlive the test JVM) and network namespaces. A test undoes each in its {@code finally};
 * when the JVM is stopped first (Ctrl-C, a failsafe timeout), one shutdown hook undoes whatever
 * is still registered, newest first.
 */
final class CleanupOnExit {
    /** Something to undo; closing it undoes it now, once, and unregisters it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Deque<Entry> pending = new ArrayDeque<>();
    private static boolean hooked;

    private CleanupOnExit() {
    }

    private static final class Entry implements Registration {
        private final String what;
        private final Runnable undo;
        private boolean done;

        Entry(String what, Runnable undo) {
            this.what = what;
            this.undo = undo;
        }

        @Override
        public void close() {
            synchronized (CleanupOnExit.class) {
                pending.remove(this);
            }
            run();
        }

        private void run() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                undo.run();
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + what + " failed: " + e);
            }
        }
    }

    /** Registers {@code undo} (described as {@code what} if it fails) to run at JVM exit unless closed before. */
    static synchronized Registration register(String what, Runnable undo) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(CleanupOnExit::runAll, "cluster-it-cleanup"));
            hooked = true;
        }
        Entry e = new Entry(what, undo);
        pending.push(e);
        return e;
    }

    private static void runAll() {
        List<Entry> left;
        synchronized (CleanupOnExit.class) {
            left = new ArrayList<>(pending);
            pending.clear();
        }
        for (Entry e : left) {
            e.run();
        }
    }
}
