package io.atta.cluster;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node routes by the table in its data directory: made on first start, kept, refused when broken. */
class NodeRoutingTest {
    private static final int cny = Currency.CNY.ledger();

    @TempDir
    Path dir;

    private static Result create(AttaNode node, long user) throws Exception {
        long wallet = user + 1;
        return node.submit(node.shardOf(user), new Command[] {new CreateUser(user, wallet, cny, 1, 2, 3, 4)})
                .get(30, TimeUnit.SECONDS)[0];
    }

    private static User user(AttaNode node, long user) throws Exception {
        return node.read(node.shardOf(user), l -> l.user(user)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDirectoryFromBeforeRoutingTablesGetsTheDefaultAndKeepsItsData() throws Exception {
        long user = Ids.compose(700, Ids.firstUserLocalId + 5);
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(dir.resolve(RoutingTableFile.fileName)).exists();
            assertThat(create(node, user)).isEqualTo(Result.ok);
        }
        // What an earlier version left behind: node.properties, shard data, no routing table.
        Files.delete(dir.resolve(RoutingTableFile.fileName));

        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(RoutingTableFile.load(dir)).isEqualTo(new Routing(2));
            assertThat(node.routing()).isEqualTo(new Routing(2));
            assertThat(node.shardOf(user)).isEqualTo(1);
            assertThat(user(node, user)).isNotNull();
        }
    }

    @Test
    void aNodeRoutesByTheTableInItsDataDirectory() throws Exception {
        Files.writeString(dir.resolve(RoutingTableFile.fileName),
                "format=1\nslots=1024\nshards=2\nshard.0=512-1023\nshard.1=0-511\n");
        long user = Ids.compose(3, Ids.firstUserLocalId + 5);

        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, 2))) {
            assertThat(node.homeSlotOf(0)).isEqualTo(512);
            assertThat(node.homeSlotOf(1)).isZero();
            assertThat(node.shardOf(user)).isEqualTo(1);
            assertThat(create(node, user)).isEqualTo(Result.ok);
            assertThat(user(node, user)).isNotNull();
        }
    }

    @Test
    void aBrokenTableStopsTheStartAndSaysWhy() throws Exception {
        Path table = dir.resolve(RoutingTableFile.fileName);
        Files.writeString(table, "format=1\nslots=1024\nshards=2\nshard.0=0-511\nshard.1=511-1023\n");

        assertThatThrownBy(() -> AttaNode.start(NodeOptions.of(dir, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing table " + table + " is not valid: slot 511 is assigned twice (to shard 0 and to"
                        + " shard 1)");
    }
}
