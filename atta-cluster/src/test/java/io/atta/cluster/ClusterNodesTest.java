package io.atta.cluster;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three real nodes of one cluster in this JVM, on loopback: each shard has three replicas, any
 * node takes any write (forwarding it to the leader) and serves consistent reads from its own
 * replica; a stopped leader is replaced and nothing acknowledged is lost.
 */
class ClusterNodesTest {
    private static final int cny = Currency.CNY.ledger();
    private static final int shards = 2;

    @TempDir
    Path dir;

    private final List<AttaNode> nodes = new ArrayList<>(List.of());
    private ClusterFile file;

    @AfterEach
    void stop() {
        for (AttaNode n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startCluster() throws Exception {
        List<ClusterFile.NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            addresses.add(new ClusterFile.NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        file = ClusterFile.of(shards, addresses, 600);
        for (int id = 1; id <= 3; id++) {
            nodes.add(start(id));
        }
        awaitLeaders();
    }

    private AttaNode start(int id) {
        return AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-" + id), file, id, 300, 0));
    }

    /** Polls {@code condition} until it gives a value, failing with {@code what} after {@code boundSecs}. */
    private static <T> T await(java.util.function.Supplier<Optional<T>> condition, long boundSecs, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSecs);
        while (System.nanoTime() < deadline) {
            Optional<T> v = condition.get();
            if (v.isPresent()) {
                return v.get();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError(what + " within " + boundSecs + " s");
    }

    private void awaitLeaders() {
        await(() -> nodes.stream().allMatch(n -> n == null || n.healthy()) ? Optional.of(true) : Optional.empty(), 60,
                "the groups did not elect leaders");
    }

    /** The index of the node that leads {@code shard}, waiting (bounded) while the group elects. */
    private int leaderNode(int shard) {
        return await(() -> {
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) != null && nodes.get(i).group(shard).isLeader()) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }, 30, "shard " + shard + " had no leader");
    }

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    private long userId(int shard, long n) {
        return Ids.compose(nodes.get(0).homeSlotOf(shard), Ids.firstUserLocalId + n);
    }

    /** Creates user 1 of the shard through {@code via}; returns its wallet (id 101 of the shard). */
    private long walletOfNewUser(AttaNode via, int shard) throws Exception {
        long w = userId(shard, 101);
        assertThat(submit(via, shard, new CreateUser(userId(shard, 1), w, cny, 1, 2, 3, 4))).containsExactly(Result.ok);
        return w;
    }

    /**
     * Sends {@code batches} batches of {@code size} transfers from {@code bank} to {@code w}
     * through {@code via}, ids from {@code firstLocalId} on; returns the ids, all acknowledged.
     */
    private static List<Long> fundInBatches(AttaNode via, int shard, long bank, long w, long firstLocalId, int batches,
                                            int size) throws Exception {
        List<Long> sent = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            Command[] batch = new Command[size];
            for (int i = 0; i < size; i++) {
                long id = Ids.compose(Ids.slotOf(bank), firstLocalId + (long) b * size + i);
                batch[i] = new CreateTransfer(id, bank, w, 1 + i, cny, 1, 0, 0, 0, 0, 0);
                sent.add(id);
            }
            assertThat(submit(via, shard, batch)).containsOnly(Result.ok);
        }
        return sent;
    }

    @Test
    void everyNodeTakesWritesAndReadsConsistently() throws Exception {
        startCluster();
        int shard = 0;
        int leader = leaderNode(shard);
        AttaNode follower = nodes.get((leader + 1) % 3);
        AttaNode other = nodes.get((leader + 2) % 3);
        long u = userId(shard, 1);
        long w = userId(shard, 101);
        // Written through a node that does not lead the shard: forwarded to the leader.
        assertThat(submit(follower, shard, new CreateUser(u, w, cny, 1, 2, 3, 4))).containsExactly(Result.ok);
        long bank = HouseAccount.bankFunding.id(follower.homeSlotOf(shard), Currency.CNY);
        assertThat(submit(follower, shard, new CreateTransfer(7, bank, w, 500, cny, 1, 0, 0, 0, 0, 0)))
                .containsExactly(Result.ok);
        // Read at once through the third node: ReadIndex makes its replica catch up first.
        assertThat(other.read(shard, l -> l.account(w).balance()).get(10, TimeUnit.SECONDS)).isEqualTo(500);
        other.awaitConsistent(shard).get(10, TimeUnit.SECONDS);
        assertThat(other.history(shard).transfer(7)).map(TransferRecord::amount).contains(500L);
        // A repeat through yet another node is answered from the ledger, not applied twice.
        assertThat(submit(nodes.get(leader), shard, new CreateTransfer(7, bank, w, 500, cny, 1, 0, 0, 0, 0, 0)))
                .containsExactly(Result.exists);
        assertThat(follower.read(shard, l -> l.account(w).balance()).get(10, TimeUnit.SECONDS)).isEqualTo(500);
        // A cross-shard transfer driven from a node that leads neither shard's group, perhaps.
        long u2 = userId(1, 1);
        long w2 = userId(1, 101);
        assertThat(submit(other, 1, new CreateUser(u2, w2, cny, 1, 2, 3, 4))).containsExactly(Result.ok);
        assertThat(other.transact(new CreateTransfer[] {new CreateTransfer(8, w, w2, 200, cny, 1, 0, 0, 0, 0, 0)})
                .get(30, TimeUnit.SECONDS)).containsExactly(Result.ok);
        // The answer comes once the transaction is decided; its pieces resolve right after. A read
        // through the node that answered waits for them (docs/API.md), and once that read has seen
        // them, a linearizable read through any node does too.
        List<AttaNode> answeredFirst = new ArrayList<>(List.of(other));
        nodes.stream().filter(n -> n != other).forEach(answeredFirst::add);
        for (AttaNode n : answeredFirst) {
            assertThat(n.read(1, l -> l.account(w2).balance()).get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(n.read(0, l -> l.account(w).balance()).get(10, TimeUnit.SECONDS)).isEqualTo(300);
        }
    }

    @Test
    void aStoppedLeaderIsReplacedAndNothingAcknowledgedIsLost() throws Exception {
        startCluster();
        int shard = 1;
        AttaNode any = nodes.get(0);
        long w = walletOfNewUser(any, shard);
        long bank = HouseAccount.bankFunding.id(any.homeSlotOf(shard), Currency.CNY);
        for (int i = 0; i < 20; i++) {
            assertThat(submit(nodes.get(i % 3), shard, new CreateTransfer(Ids.compose(Ids.slotOf(bank), 100 + i), bank, w, 10, cny, 1, 0, 0, 0,
                    0, 0)))
                    .containsExactly(Result.ok);
        }
        int leader = leaderNode(shard);
        nodes.get(leader).close();
        nodes.set(leader, null);
        AttaNode survivor = nodes.get((leader + 1) % 3);
        // The write waits out the election on its own (Forwarder.leaderWaitMs). If it was on its
        // way to the old leader when that stopped, its outcome is unknown (unavailable) and the
        // caller retries with the same id: applied once either way.
        CreateTransfer after = new CreateTransfer(Ids.compose(Ids.slotOf(bank), 200), bank, w, 10, cny, 1, 0, 0, 0, 0,
                0);
        Result answer = null;
        for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
            try {
                answer = submit(survivor, shard, after)[0];
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(ServiceException.class,
                        s -> assertThat(s.reason()).isEqualTo(ServiceException.Reason.unavailable));
            }
        }
        assertThat(answer).isIn(Result.ok, Result.exists);
        assertThat(leaderNode(shard)).isNotEqualTo(leader);
        for (AttaNode n : nodes) {
            if (n != null) {
                assertThat(n.read(shard, l -> l.account(w).balance()).get(10, TimeUnit.SECONDS)).isEqualTo(210);
            }
        }
        // The old leader comes back as a follower and catches up to the same state.
        nodes.set(leader, start(leader + 1));
        AttaNode back = nodes.get(leader);
        assertThat(back.read(shard, l -> l.account(w).balance()).get(30, TimeUnit.SECONDS)).isEqualTo(210);
        long[] mine = back.group(shard).appliedIndexAndStateHash();
        long[] theirs = survivor.group(shard).appliedIndexAndStateHash();
        assertThat(mine).containsExactly(theirs);
    }

    @Test
    void aFollowerThatBecomesLeaderServesCompleteHistory() throws Exception {
        startCluster();
        int shard = 0;
        int leader = leaderNode(shard);
        AttaNode first = nodes.get(leader);
        long w = walletOfNewUser(first, shard);
        long bank = HouseAccount.bankFunding.id(first.homeSlotOf(shard), Currency.CNY);
        List<Long> sent = fundInBatches(first, shard, bank, w, 1_000, 20, 100);
        // The leader goes the moment the last batch is acknowledged: the followers' indexers may
        // still hold some of it in their tails.
        first.close();
        nodes.set(leader, null);
        int next = leaderNode(shard);
        AttaNode successor = nodes.get(next);
        successor.awaitConsistent(shard).get(30, TimeUnit.SECONDS);
        HistoryReader history = successor.history(shard);
        List<Long> listed = new ArrayList<>();
        long to = Long.MAX_VALUE;
        for (List<TransferRow> page; !(page = history.accountTransfers(w, 0, to, 1000)).isEmpty(); ) {
            page.forEach(r -> listed.add(r.transfer().id()));
            to = page.get(page.size() - 1).transfer().timestamp();
        }
        assertThat(listed).as("every acknowledged transfer listed once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent);
        for (long id : sent) {
            assertThat(history.transfer(id)).as("transfer %d", id).isPresent();
        }
        long balance = successor.read(shard, l -> l.account(w).balance()).get(10, TimeUnit.SECONDS);
        assertThat(history.balanceAt(w, Long.MAX_VALUE).orElseThrow().creditsPosted()).isEqualTo(balance);
        // A write on the new leader and a read right after it.
        long after = Ids.compose(Ids.slotOf(bank), 9_999);
        assertThat(submit(successor, shard, new CreateTransfer(after, bank, w, 5, cny, 1, 0, 0, 0, 0, 0)))
                .containsExactly(Result.ok);
        successor.awaitConsistent(shard).get(10, TimeUnit.SECONDS);
        assertThat(successor.history(shard).transfer(after)).isPresent();
    }

    /** This node's count of log entries applied to the shard but not yet in its history store. */
    private static double historyLag(AttaNode node, int shard) {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        node.group(shard).bindMetrics(registry);
        return registry.get("atta.shard.history.lag.entries").gauge().value();
    }

    @Test
    void aFollowerIndexesLazilyAndItsHistoryReadSeesEverythingUpToItsReadIndex() throws Exception {
        startCluster();
        int shard = 1;
        int leader = leaderNode(shard);
        AttaNode first = nodes.get(leader);
        AttaNode follower = nodes.get((leader + 1) % 3);
        long w = walletOfNewUser(first, shard);
        long bank = HouseAccount.bankFunding.id(first.homeSlotOf(shard), Currency.CNY);
        List<Long> sent = fundInBatches(first, shard, bank, w, 5_000, 5, 50);
        // The follower has applied them all (ReadIndex), but keeps them in its tail: fewer
        // batches than its lazy bound, and nobody has read its history yet.
        follower.awaitConsistent(shard).get(10, TimeUnit.SECONDS);
        assertThat(historyLag(follower, shard)).as("log entries the follower has not indexed yet")
                .isGreaterThanOrEqualTo(5);
        await(() -> historyLag(first, shard) == 0 ? Optional.of(true) : Optional.empty(), 10,
                "the leader did not index each batch on its own");
        // Its history read catches up first: every acknowledged transfer is there.
        HistoryReader history = follower.history(shard);
        for (long id : sent) {
            assertThat(history.transfer(id)).as("transfer %d on the follower", id).isPresent();
        }
        assertThat(historyLag(follower, shard)).isZero();
        assertThat(history.accountTransfers(w, 0, Long.MAX_VALUE, 1000)).extracting(r -> r.transfer().id())
                .containsExactlyInAnyOrderElementsOf(sent);
        // A repeat applied on every replica: the follower's apply finds it (its tail or store) as
        // the leader's does, so both come to the same state.
        assertThat(submit(follower, shard, new CreateTransfer(sent.get(3), bank, w, 4, cny, 1, 0, 0, 0, 0, 0)))
                .containsExactly(Result.exists);
        await(() -> java.util.Arrays.equals(follower.group(shard).appliedIndexAndStateHash(),
                first.group(shard).appliedIndexAndStateHash()) ? Optional.of(true) : Optional.empty(), 10,
                "the follower did not reach the leader's state");
    }

    @Test
    void aStaleReadServesTheLocalReplicaWithoutTheLeader() throws Exception {
        startCluster();
        int shard = 0;
        long u = userId(shard, 1);
        long w = userId(shard, 101);
        assertThat(submit(nodes.get(0), shard, new CreateUser(u, w, cny, 1, 2, 3, 4))).containsExactly(Result.ok);
        for (AttaNode n : nodes) {
            n.awaitConsistent(shard).get(10, TimeUnit.SECONDS);
        }
        // Stop two nodes: the third has no quorum, so a consistent read cannot be served, but
        // its own replica still answers a stale read.
        int keep = (leaderNode(shard) + 1) % 3;
        for (int i = 0; i < 3; i++) {
            if (i != keep) {
                nodes.get(i).close();
                nodes.set(i, null);
            }
        }
        AttaNode alone = nodes.get(keep);
        boolean present = alone.readStale(shard, l -> Optional.ofNullable(l.account(w)).isPresent());
        assertThat(present).isTrue();
        java.util.concurrent.CompletableFuture<Long> consistent = alone.read(shard, l -> l.account(w).balance());
        assertThat(consistent)
                .failsWithin(30, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ServiceException.class);
    }

    @Test
    void aDataDirectoryKeepsTheNodeItWasMadeFor() throws Exception {
        List<ClusterFile.NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            addresses.add(new ClusterFile.NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        file = ClusterFile.of(shards, addresses, 600);
        Path single = dir.resolve("single");
        AttaNode.start(NodeOptions.of(single, shards)).close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        AttaNode.start(NodeOptions.ofCluster(single, file, 1, 300, 0)))
                .hasMessageContaining("belongs to a single node, not node 1 of a cluster");
        // A cluster node's directory is neither a single node's nor another node's.
        AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-1"), file, 1, 300, 0)).close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-1"), file, 2, 300, 0)))
                .hasMessageContaining("belongs to node 1 of a cluster, not node 2 of a cluster");
    }
}
