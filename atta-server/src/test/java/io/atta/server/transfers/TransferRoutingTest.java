package io.atta.server.transfers;

import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping a batch by shard, with linked chains kept whole and those across shards made transactions. */
class TransferRoutingTest {
    /** Debit account ids below 100 live on shard 0, the rest on shard 1. */
    private static int shardOf(long id) {
        return id < 100 ? 0 : 1;
    }

    private static CreateTransfer t(long id, long debit, boolean linked) {
        return new CreateTransfer(id, debit, debit + 1, 1, 156, 1, linked ? TransferFlags.linked : 0, 0, 0, 0, 0);
    }

    private static long[] ids(Command[] group) {
        return Arrays.stream(group).mapToLong(c -> ((CreateTransfer) c).id()).toArray();
    }

    @Test
    void groupsByShardInRequestOrder() {
        CreateTransfer[] items = {t(1, 10, false), t(2, 200, false), t(3, 20, false), t(4, 300, false)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        assertThat(ids(r.groups[0])).containsExactly(1, 3);
        assertThat(ids(r.groups[1])).containsExactly(2, 4);
        assertThat(r.positions[0]).containsExactly(0, 2);
        assertThat(r.positions[1]).containsExactly(1, 3);
        assertThat(r.results).containsOnlyNulls();
    }

    @Test
    void keepsAChainWholeOnItsShard() {
        CreateTransfer[] items = {t(1, 200, false), t(2, 10, true), t(3, 20, true), t(4, 30, false), t(5, 400, false)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        assertThat(ids(r.groups[0])).containsExactly(2, 3, 4);
        assertThat(ids(r.groups[1])).containsExactly(1, 5);
    }

    @Test
    void makesATransactionOfEachTransferOrChainAcrossShards() {
        CreateTransfer[] items = {t(1, 10, true), t(2, 20, true), t(3, 200, true), t(4, 30, false), t(5, 40, false),
                t(6, 99, false)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        // Item 6 credits account 100, on shard 1: a transaction of one transfer.
        assertThat(r.transactions).containsExactly(new int[] {0, 4}, new int[] {5, 6});
        assertThat(ids(r.groups[0])).containsExactly(5);
        assertThat(r.groups[1]).isNull();
        assertThat(r.results).containsOnlyNulls();
    }

    @Test
    void answersAnIdOrPendingIdInThePlatformsRangeWithoutSubmittingIt() {
        long platform = Ids.platformId(0, 42);
        CreateTransfer post = new CreateTransfer(7, 10, 11, 0, 156, 1, TransferFlags.postPending, platform, 0, 0, 0);
        CreateTransfer[] items = {t(1, 10, false), t(platform, 20, false), t(3, 10, true), t(4, 200, true),
                t(Ids.platformId(0, 43), 30, false), post, t(8, 200, false)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        assertThat(r.results).containsExactly(null, Result.transfer_id_reserved, Result.linked_event_failed,
                Result.linked_event_failed, Result.transfer_id_reserved, Result.transfer_id_reserved, null);
        assertThat(ids(r.groups[0])).containsExactly(1);
        assertThat(ids(r.groups[1])).containsExactly(8);
        assertThat(r.transactions).isEmpty();
    }

    @Test
    void answersAnOpenChainAcrossShardsWithoutSubmittingIt() {
        CreateTransfer[] items = {t(1, 10, false), t(2, 20, true), t(3, 300, true)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        assertThat(r.results).containsExactly(null, Result.linked_event_failed, Result.linked_event_chain_open);
        assertThat(r.transactions).isEmpty();
        assertThat(ids(r.groups[0])).containsExactly(1);
    }

    @Test
    void leavesAnOpenChainAtTheEndToTheLedger() {
        CreateTransfer[] items = {t(1, 10, false), t(2, 20, true), t(3, 30, true)};
        TransferRouting r = TransferRouting.route(items, 2, TransferRoutingTest::shardOf);
        assertThat(ids(r.groups[0])).containsExactly(1, 2, 3);
        assertThat(r.results).containsOnlyNulls();
    }
}
