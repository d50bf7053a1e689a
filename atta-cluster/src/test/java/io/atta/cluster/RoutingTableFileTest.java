package io.atta.cluster;

import io.atta.core.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The routing table on disk: written once from the default, read back, refused when hand-edited wrong. */
class RoutingTableFileTest {
    @TempDir
    Path dir;

    private Path table() {
        return dir.resolve(RoutingTableFile.fileName);
    }

    private void writeTable(String... shardLines) throws Exception {
        Files.writeString(table(), "format=1\nslots=1024\nshards=2\n" + String.join("\n", shardLines) + "\n");
    }

    @Test
    void aNewDirectoryGetsTheContiguousTableWhichReadsBackEqual() throws Exception {
        Routing created = RoutingTableFile.loadOrCreate(dir, 3);

        assertThat(Files.readAllLines(table())).contains("format=1", "slots=1024", "shards=3",
                "shard.0=0-341", "shard.1=342-682", "shard.2=683-1023");
        assertThat(dir.resolve(RoutingTableFile.fileName + ".tmp")).doesNotExist();
        assertThat(created).isEqualTo(new Routing(3));
        assertThat(RoutingTableFile.load(dir)).isEqualTo(created);
        assertThat(RoutingTableFile.loadOrCreate(dir, 3)).isEqualTo(created);
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            assertThat(created.shardOfSlot(slot)).isEqualTo((int) ((long) slot * 3 / Ids.slotCount));
        }
    }

    @Test
    void aTableOfSeveralRangesPerShardIsKeptAsWritten() throws Exception {
        writeTable("shard.1=0-9, 500-1023", "shard.0=10-499");

        Routing routing = RoutingTableFile.loadOrCreate(dir, 2);

        assertThat(routing.slotRanges(1)).containsExactly(new Routing.SlotRange(0, 9), new Routing.SlotRange(500, 1023));
        assertThat(routing.slotRanges(0)).containsExactly(new Routing.SlotRange(10, 499));
        assertThat(routing.homeSlot(0)).isEqualTo(10);
        assertThat(routing.homeSlot(1)).isZero();
        assertThat(routing.slotCount(1)).isEqualTo(534);
        assertThat(routing.shardOf(Ids.compose(600, Ids.firstUserLocalId))).isEqualTo(1);

        RoutingTableFile.write(dir, routing);
        assertThat(Files.readAllLines(table())).contains("shard.0=10-499", "shard.1=0-9,500-1023");
        assertThat(RoutingTableFile.load(dir)).isEqualTo(routing);
    }

    @Test
    void aSlotOnNoShardIsRefused() throws Exception {
        writeTable("shard.0=0-511", "shard.1=512-700,702-1023");

        assertThatThrownBy(() -> RoutingTableFile.loadOrCreate(dir, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing table " + table() + " is not valid: slot 701 is assigned to no shard");
    }

    @Test
    void aSlotOnTwoShardsIsRefused() throws Exception {
        writeTable("shard.0=0-511", "shard.1=500-1023");

        assertThatThrownBy(() -> RoutingTableFile.loadOrCreate(dir, 2))
                .hasMessage("routing table " + table() + " is not valid: slot 500 is assigned twice (to shard 0 and to"
                        + " shard 1)");
    }

    @Test
    void aShardOutsideTheCountIsRefused() throws Exception {
        writeTable("shard.0=0-511", "shard.1=512-1000", "shard.2=1001-1023");

        assertThatThrownBy(() -> RoutingTableFile.loadOrCreate(dir, 2))
                .hasMessage("routing table " + table() + " is not valid: shard.2 names shard 2, but shards=2 allows"
                        + " only 0..1");
    }

    @Test
    void aShardWithoutSlotsIsRefused() throws Exception {
        writeTable("shard.0=0-1023");

        assertThatThrownBy(() -> RoutingTableFile.loadOrCreate(dir, 2))
                .hasMessage("routing table " + table() + " is not valid: shard 1 has no slots (no shard.1 line)");
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() throws Exception {
        for (List<String> bad : List.of(
                List.of("shard.0=0-511", "shard.1=512-x", "shard.1: 512-x is not a slot range <from>-<to>"),
                List.of("shard.0=0-511", "shard.1=512-1024", "512-1024 is not a slot range within 0-1023"),
                List.of("shard.0=0-511", "shard.1=600-512", "shard.1: 600-512 is not a slot range"),
                List.of("shard.0=0-511", "shard.1=512-1023", "shard.1=512-1023", "shard.1 appears twice"),
                List.of("shard.0=0-511", "shard.1=512-1023", "owner=me", "unknown key owner"))) {
            writeTable(bad.subList(0, bad.size() - 1).toArray(String[]::new));
            assertThatThrownBy(() -> RoutingTableFile.load(dir)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("routing table " + table() + " is not valid: ")
                    .hasMessageContaining(bad.get(bad.size() - 1));
        }
    }

    @Test
    void aTableForAnotherShardCountIsRefused() throws Exception {
        RoutingTableFile.loadOrCreate(dir, 2);

        assertThatThrownBy(() -> RoutingTableFile.loadOrCreate(dir, 3))
                .hasMessage(table() + " routes slots onto 2 shards, but the data directory was created with 3"
                        + " (node.properties); changing the shard count is not supported yet");
    }

    @Test
    void readingADirectoryWithoutATableSaysSo() {
        assertThatThrownBy(() -> RoutingTableFile.load(dir))
                .hasMessage(dir + " has no routing table (routing.properties)");
        assertThat(table()).doesNotExist();
    }
}
