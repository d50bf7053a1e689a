package io.atta.engine.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.gateway.CreateApp;
import io.atta.engine.gateway.App;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The recorded version-5 snapshots (the fixed layout, where apps and gateway notifications were
 * part of the trades) load their apps and gateway notifications into the gateway module: the same
 * apps and the same gateway outbox as the shard that applied the log up to that point.
 */
class GatewayFromVersion5Test {
    @Test
    void aVersion5SnapshotWithAppsLoadsThemIntoTheGatewayModule() throws IOException {
        List<Corpus.Recorded> logs;
        try (InputStream in = getClass().getResourceAsStream(Corpus.resource)) {
            logs = Corpus.read(in);
        }
        List<RecordVersion5Snapshots.Snapshot> snapshots;
        try (InputStream in = getClass().getResourceAsStream(RecordVersion5Snapshots.resource)) {
            snapshots = RecordVersion5Snapshots.read(in);
        }
        int appsLoaded = 0;
        for (int k = 0; k < logs.size(); k++) {
            CorpusLog shape = logs.get(k).shape();
            RecordVersion5Snapshots.Snapshot snapshot = snapshots.get(k);
            InMemoryTransferStore store = new InMemoryTransferStore();
            ShardLedger writer = new ShardLedger(shape.shardId(), shape.homeSlot(), shape::ownsSlot, store);
            TreeSet<Long> appIds = new TreeSet<>();
            for (int i = 0; i < snapshot.entriesApplied(); i++) {
                BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(logs.get(k).entries().get(i)));
                writer.apply(b.timestamp(), b.commands());
                for (Command c : b.commands()) {
                    if (c instanceof CreateApp a) {
                        appIds.add(a.appId());
                    }
                }
            }

            ShardLedger restored = new ShardLedger(shape.shardId(), shape.homeSlot(), shape::ownsSlot, store.copy());
            LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(snapshot.bytes())));

            for (long id : appIds) {
                App a = writer.app(id);
                assertThat(restored.app(id)).as("%s app %d", shape.name(), id).isEqualTo(a);
                if (a != null) {
                    appsLoaded++;
                    assertThat(restored.apps(a.merchantId())).isEqualTo(writer.apps(a.merchantId()));
                }
            }
            assertThat(restored.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE))
                    .as("%s gateway outbox", shape.name())
                    .isEqualTo(writer.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE));
        }
        assertThat(appsLoaded).as("apps the snapshots held").isPositive();
    }
}
