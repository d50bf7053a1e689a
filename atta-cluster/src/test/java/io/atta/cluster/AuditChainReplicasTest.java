package io.atta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.audit.ChainVerifier;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.ledger.HouseAccount;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain on three replicas (docs/AUDIT.md): every replica of a shard computes the same
 * chain, block for block; a replica that was down while the leader compacted its log comes back
 * through a snapshot install and holds the same chain, whose every block it can still read and
 * recompute from its own history.
 */
class AuditChainReplicasTest {
    private static final int shards = 2;
    private static final long boundMs = 60_000;
    private static final int cny = Currency.CNY.ledger();

    private final List<AttaNode> nodes = new ArrayList<>(List.of());
    private long nextId = 1;

    @Test
    void replicasHoldTheSameChainAndASnapshotInstallKeepsIt(@TempDir Path dir) throws Exception {
        List<ClusterFile.NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            addresses.add(new ClusterFile.NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        ClusterFile file = ClusterFile.of(shards, addresses, 600);
        try {
            for (int id = 1; id <= 3; id++) {
                nodes.add(AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-" + id), file, id, 300, 0)));
            }
            long[] wallets = new long[shards];
            for (int s = 0; s < shards; s++) {
                long user = Ids.compose(nodes.get(0).homeSlotOf(s), Ids.firstUserLocalId);
                wallets[s] = Ids.compose(nodes.get(0).homeSlotOf(s), Ids.firstUserLocalId + 1);
                submit(s, new CreateUser(user, wallets[s], cny, 1, 2, 3, 4));
            }
            write(wallets, 10);
            assertSameChains(List.of(0, 1, 2));

            nodes.get(2).close();
            nodes.set(2, null);
            // Two snapshots on the running replicas: SOFAJRaft keeps the log back to the one before
            // the last, so after the second the leaders no longer hold what the stopped replica lacks.
            for (int round = 0; round < 2; round++) {
                write(wallets, 10);
                for (int i = 0; i < 2; i++) {
                    for (int s = 0; s < shards; s++) {
                        assertThat(nodes.get(i).group(s).snapshotNow().isOk()).isTrue();
                    }
                }
            }
            write(wallets, 3);
            nodes.set(2, AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-3"), file, 3, 300, 0)));
            assertSameChains(List.of(0, 1, 2));
            for (int s = 0; s < shards; s++) {
                try (java.util.stream.Stream<Path> snapshots = java.nio.file.Files.list(
                        dir.resolve("node-3").resolve("shard-" + s).resolve("raft").resolve("snapshot"))) {
                    assertThat(snapshots.map(p -> p.getFileName().toString()))
                            .as("shard %d's replica on node 3 (which never snapshots itself) installed the leader's", s)
                            .anyMatch(n -> n.startsWith("snapshot_"));
                }
            }

            AttaNode back = nodes.get(2);
            for (int s = 0; s < shards; s++) {
                final int shard = s;
                String failure = back.readStale(s, l -> {
                    AuditModule chain = l.module(AuditModule.class);
                    ChainVerifier v = new ChainVerifier(shard);
                    for (long h = 1; h <= chain.height(); h++) {
                        String f = v.next(h, chain.header(h), chain.events(h));
                        if (f != null) {
                            return f;
                        }
                    }
                    return Arrays.equals(v.head(), chain.head()) ? null : "the recomputed head differs";
                });
                assertThat(failure).as("shard %d on the replica that installed a snapshot", s).isNull();
            }
        } finally {
            for (AttaNode n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    /** {@code batches} batches of three transfers into each shard's wallet. */
    private void write(long[] wallets, int batches) {
        for (int b = 0; b < batches; b++) {
            for (int s = 0; s < shards; s++) {
                long bank = HouseAccount.bankFunding.id(nodes.get(0).homeSlotOf(s), Currency.CNY);
                Command[] batch = new Command[3];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = new CreateTransfer(Ids.compose(nodes.get(0).homeSlotOf(s), 5000 + nextId++), bank,
                            wallets[s], 100 + i, cny, 1, 0, 0, 0, 0, 0);
                }
                submit(s, batch);
            }
        }
    }

    /** Submits through the first running node until the shard has a leader (bounded). */
    private void submit(int shard, Command... commands) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (true) {
            try {
                Result[] r = nodes.get(0).submit(shard, commands).get(10, TimeUnit.SECONDS);
                assertThat(r).containsOnly(Result.ok);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("shard " + shard + " took no write within " + boundMs + " ms", e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** A replica's chain as one read sees it: the last block's log index, its height and its hash. */
    private record Head(long index, long height, byte[] hash) {
    }

    /**
     * Waits until the nodes' replicas of every shard read at the same log index (one read each,
     * so index and head belong together), then compares their heads there.
     */
    private void assertSameChains(List<Integer> which) {
        for (int s = 0; s < shards; s++) {
            final int shard = s;
            List<Head> heads = new ArrayList<>();
            await(() -> {
                heads.clear();
                for (int i : which) {
                    heads.add(nodes.get(i).readStale(shard, l -> {
                        AuditModule a = l.module(AuditModule.class);
                        return new Head(a.headIndex(), a.height(), a.head());
                    }));
                }
                return heads.stream().mapToLong(Head::index).distinct().count() == 1;
            }, "the replicas of shard " + s + " to apply as far");
            for (int k = 1; k < heads.size(); k++) {
                assertThat(heads.get(k).hash()).as("shard %d's head on node %d", s, which.get(k) + 1)
                        .isEqualTo(heads.get(0).hash());
                assertThat(heads.get(k).height()).isEqualTo(heads.get(0).height());
            }
            assertThat(heads.get(0).height()).isGreaterThan(0);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + boundMs + " ms for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
