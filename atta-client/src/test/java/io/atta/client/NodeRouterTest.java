package io.atta.client;

import io.atta.core.Ids;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the router sends each attempt, and when it asks for the routing table, on a clock the test moves. */
class NodeRouterTest {
    private static final String a = "http://127.0.0.1:8201";
    private static final String b = "http://127.0.0.1:8202";
    private static final String c = "http://127.0.0.1:8203";
    /** Shard 0 serves slots 0-511, shard 1 slots 512-1023. */
    private static final long[] onShardZero = {Ids.compose(5, Ids.firstUserLocalId), Ids.compose(300, 1L << 30)};
    private static final long[] onShardOne = {Ids.compose(600, Ids.firstUserLocalId)};
    private static final long[] acrossShards = {onShardZero[0], onShardOne[0]};

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final NodeRouter router = new NodeRouter(List.of(a, b, c), nanos::get);

    private static ClusterRouting routing(String leaderOfZero, String leaderOfOne) {
        int[] shardOfSlot = new int[Ids.slotCount];
        Arrays.fill(shardOfSlot, Ids.slotCount / 2, Ids.slotCount, 1);
        return new ClusterRouting(shardOfSlot, Arrays.asList(leaderOfZero == null ? null : URI.create(leaderOfZero),
                leaderOfOne == null ? null : URI.create(leaderOfOne)));
    }

    private void advanceMs(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void idsOfOneShardGoToItsLeaderAndOtherRequestsGoToEveryNodeInTurn() {
        router.update(routing(b, c));

        assertThat(router.target(onShardZero, null)).isEqualTo(b);
        assertThat(router.target(onShardOne, null)).isEqualTo(c);
        Set<String> inTurn = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            inTurn.add(router.target(acrossShards, null));
        }
        assertThat(inTurn).containsExactlyInAnyOrder(a, b, c);
        for (int i = 0; i < 3; i++) {
            inTurn.remove(router.target(null, null));
        }
        assertThat(inTurn).isEmpty();
    }

    @Test
    void withoutATableOrALeaderEveryRequestGoesInTurn() {
        assertThat(Set.of(router.target(onShardZero, null), router.target(onShardZero, null),
                router.target(onShardZero, null))).containsExactlyInAnyOrder(a, b, c);

        router.update(routing(null, c));
        assertThat(Set.of(router.target(onShardZero, null), router.target(onShardZero, null),
                router.target(onShardZero, null))).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void aFailedNodeIsPassedOverForSuspectMsWhileAnotherRemains() {
        router.update(routing(b, c));
        router.failed(b);

        assertThat(router.target(onShardZero, null)).isNotEqualTo(b);
        for (int i = 0; i < 6; i++) {
            assertThat(router.target(null, null)).isNotEqualTo(b);
        }
        advanceMs(NodeRouter.suspectMs);
        assertThat(router.target(onShardZero, null)).isEqualTo(b);
    }

    @Test
    void theRetryOfAFailedAttemptGoesToAnotherNodeEvenWhenAllAreSuspect() {
        router.update(routing(b, c));
        router.failed(a);
        router.failed(b);
        router.failed(c);

        for (int i = 0; i < 6; i++) {
            assertThat(router.target(onShardZero, b)).isIn(a, c);
        }
        NodeRouter single = new NodeRouter(List.of(a), nanos::get);
        assertThat(single.target(null, a)).isEqualTo(a);
    }

    @Test
    void theTableIsAskedForFirstAfterAFailureAndWhenOldButAtMostEveryMinRefreshInterval() {
        assertThat(router.claimRefresh()).as("no table yet").isTrue();
        assertThat(router.claimRefresh()).as("one refresh at a time").isFalse();
        router.refreshed(routing(b, c));
        assertThat(router.claimRefresh()).as("a fresh table").isFalse();

        router.failed(b);
        assertThat(router.claimRefresh()).as("within the interval of the last start").isFalse();
        advanceMs(NodeRouter.minRefreshIntervalMs - 1);
        router.failed(a);
        assertThat(router.claimRefresh()).isFalse();
        advanceMs(1);
        assertThat(router.claimRefresh()).as("many failures, one refresh").isTrue();
        router.refreshed(null);
        advanceMs(NodeRouter.minRefreshIntervalMs);
        assertThat(router.claimRefresh()).as("a failed refresh is made again").isTrue();
        router.refreshed(routing(b, c));

        advanceMs(NodeRouter.maxTableAgeMs - 1);
        assertThat(router.claimRefresh()).isFalse();
        advanceMs(1);
        assertThat(router.claimRefresh()).as("an old table").isTrue();
    }
}
