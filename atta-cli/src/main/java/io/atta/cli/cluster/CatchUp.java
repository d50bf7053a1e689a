package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Waits until a node's replicas have caught up with their leaders: the data comes by snapshot
 * install and then log replication, which for a large ledger takes a while, so the wait is long
 * but bounded, and says how far behind the node still is.
 */
final class CatchUp {
    /** A replica this close to its leader's last log index counts as caught up. */
    static final long marginEntries = 100;
    static final long timeoutMs = 600_000;
    static final long pollIntervalMs = 500;
    static final long progressIntervalMs = 5_000;

    private CatchUp() {
    }

    /** Waits until every shard's replica on {@code node} is within {@link #marginEntries} of its leader. */
    static void await(ClusterFile file, NodeApi api, int node, Consumer<String> progress) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long nextProgress = began + TimeUnit.MILLISECONDS.toNanos(progressIntervalMs);
        while (true) {
            ClusterView view = ClusterView.gather(file, api);
            List<String> behind = behind(view, node);
            if (behind.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new ClusterFailure("node " + node + " did not catch up within " + timeoutMs
                        + " ms (timeoutMs): " + String.join(", ", behind) + "; it keeps trying, watch it with "
                        + "atta cluster status");
            }
            if (now > nextProgress) {
                progress.accept("node " + node + " is catching up: " + String.join(", ", behind));
                nextProgress = now + TimeUnit.MILLISECONDS.toNanos(progressIntervalMs);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
    }

    /** For each shard where {@code node} is not caught up yet, why: its lag, or what is unknown. */
    static List<String> behind(ClusterView view, int node) {
        List<String> behind = new ArrayList<>();
        if (!view.isUp(node)) {
            behind.add("the node does not answer");
            return behind;
        }
        for (int s = 0; s < view.file().shards(); s++) {
            long lag = view.lag(node, s);
            if (lag < 0) {
                behind.add("shard " + s + " has no known leader");
            } else if (lag > marginEntries) {
                behind.add("shard " + s + " " + lag + " entries behind");
            }
        }
        return behind;
    }
}
