package io.atta.cluster.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.ledger.HouseAccount;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atta verify --data}'s chain check on a stopped node's history (docs/AUDIT.md): it
 * passes as written, and fails naming the shard and the height after one flipped byte of a
 * stored value, a deleted record, or two records swapped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainCheckTest {
    private Path data;
    private long batches;

    @BeforeAll
    void writeAHistory(@TempDir Path dir) throws Exception {
        data = dir.resolve("node");
        int cny = Currency.CNY.ledger();
        long user = Ids.compose(0, Ids.firstUserLocalId);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        try (AttaNode node = AttaNode.start(NodeOptions.of(data, 1))) {
            long bank = HouseAccount.bankFunding.id(node.homeSlotOf(0), Currency.CNY);
            submit(node, new CreateUser(user, wallet, cny, 1, 2, 3, 4));
            for (int b = 0; b < 12; b++) {
                Command[] batch = new Command[3];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = new CreateTransfer(Ids.compose(0, 1000 + b * 10 + i), bank, wallet, 100 + i, cny, 1, 0, 0,
                            0, 0, 0);
                }
                submit(node, batch);
            }
            batches = node.readStale(0, l -> l.module(AuditModule.class).height());
        }
    }

    private static void submit(AttaNode node, Command... commands) throws Exception {
        assertThat(node.submit(0, commands).get(30, TimeUnit.SECONDS)).containsOnly(Result.ok);
    }

    @Test
    void theHistoryAsWrittenPasses() throws IOException {
        ChainCheck.Outcome o = ChainCheck.check(0, copy("as-written"));
        assertThat(o.failure()).isNull();
        assertThat(o.blocks()).isEqualTo(batches).isGreaterThanOrEqualTo(13);
        assertThat(o.transfers()).isEqualTo(36);
    }

    @Test
    void aFlippedByteOfAnEventFailsAtItsBlock() throws Exception {
        Path h = copy("flipped-event");
        long height = heightWithEvents(h, 5);
        tamper(h, db -> {
            byte[] key = HistoryKeys.archived(AuditModule.eventsKind, height);
            byte[] v = db.get(key);
            v[v.length - 3] ^= 0x10;
            db.put(key, v);
        });
        assertThat(ChainCheck.check(0, h).failure()).startsWith("shard 0 height " + height + ":");
    }

    @Test
    void aFlippedByteOfAStoredTransferFailsAtItsBlock() throws Exception {
        Path h = copy("flipped-transfer");
        long id = Ids.compose(0, 1000 + 4 * 10 + 1);
        tamper(h, db -> {
            byte[] key = HistoryKeys.transfer(id);
            byte[] v = db.get(key);
            v[30] ^= 0x01;
            db.put(key, v);
        });
        String failure = ChainCheck.check(0, h).failure();
        assertThat(failure).startsWith("shard 0 height ").contains("transfer " + id);
    }

    @Test
    void aDeletedBlockFailsAtItsHeight() throws Exception {
        Path h = copy("deleted");
        tamper(h, db -> db.delete(HistoryKeys.archived(AuditModule.headerKind, 6)));
        assertThat(ChainCheck.check(0, h).failure()).startsWith("shard 0 height 6:").contains("missing");
    }

    @Test
    void twoSwappedRecordsFailAtTheFirst() throws Exception {
        Path h = copy("swapped");
        long a = heightWithEvents(h, 4);
        long b = heightWithEvents(h, a + 1);
        tamper(h, db -> {
            byte[] ka = HistoryKeys.archived(AuditModule.eventsKind, a);
            byte[] kb = HistoryKeys.archived(AuditModule.eventsKind, b);
            byte[] va = db.get(ka);
            db.put(ka, db.get(kb));
            db.put(kb, va);
        });
        assertThat(ChainCheck.check(0, h).failure()).startsWith("shard 0 height " + a + ":");
    }

    /** The first height at or after {@code from} whose block has events. */
    private long heightWithEvents(Path h, long from) throws Exception {
        long[] found = {0};
        tamper(h, db -> {
            for (long k = from; found[0] == 0; k++) {
                if (db.get(HistoryKeys.archived(AuditModule.eventsKind, k)) != null) {
                    found[0] = k;
                }
            }
        });
        return found[0];
    }

    private interface Change {
        void apply(RocksDB db) throws Exception;
    }

    private static void tamper(Path history, Change change) throws Exception {
        try (Options o = new Options(); RocksDB db = RocksDB.open(o, history.toString())) {
            change.apply(db);
        }
    }

    /** A copy of the stopped node's history, for one test to change. */
    private Path copy(String name) throws IOException {
        Path from = data.resolve("shard-0").resolve("history");
        Path to = data.getParent().resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }
}
