package io.atta.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.audit.AuditHash;
import io.atta.core.audit.ChainVerifier;
import io.atta.core.audit.Checkpoint;
import io.atta.core.audit.EventTypes;
import io.atta.core.audit.MerkleTree;
import io.atta.core.audit.RecordProof;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.core.command.BatchCodec;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.audit.Inclusion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit chain over seeded random logs (docs/AUDIT.md): every replica of a log computes the
 * same chain, whose blocks a verifier recomputes from the history alone; a restored snapshot
 * continues it; the events are exactly the transfers the ledger stored (a rolled-back chain's
 * leave none); and a proof of any record verifies while a flipped bit anywhere in it fails.
 */
class AuditChainTest {
    private static final int logLength = 200;

    private record Log(RandomBatches shard, List<byte[]> entries) {
        ShardLedger fresh(InMemoryTransferStore store) {
            return new ShardLedger(shard.shardId, shard.homeSlot, shard::ownsSlot, store);
        }
    }

    private static Log randomLog(long seed) {
        RandomBatches gen = new RandomBatches(seed);
        ReferenceLedger model = new ReferenceLedger(gen.homeSlot, gen::ownsSlot);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < logLength; i++) {
            RandomBatches.Batch b = gen.next(model);
            model.apply(b.timestamp(), b.commands());
            entries.add(BatchCodec.encode(b.timestamp(), Arrays.asList(b.commands())));
        }
        return new Log(gen, entries);
    }

    private static void apply(ShardLedger l, byte[] entry, long index) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
        l.setLogIndex(index);
        l.apply(b.timestamp(), b.commands());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 0xC0FFEE})
    void replicasComputeTheSameChainAndAVerifierRecomputesItFromTheHistory(long seed) {
        Log log = randomLog(seed);
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger a = log.fresh(store);
        ShardLedger b = log.fresh(new InMemoryTransferStore());
        for (int i = 0; i < log.entries().size(); i++) {
            apply(a, log.entries().get(i), i + 1);
            apply(b, log.entries().get(i), i + 1);
            assertThat(b.module(AuditModule.class).head()).as("seed %d entry %d", seed, i)
                    .isEqualTo(a.module(AuditModule.class).head());
        }
        AuditModule chain = a.module(AuditModule.class);
        assertThat(chain.height()).isEqualTo(logLength);
        assertThat(chain.headIndex()).isEqualTo(logLength);

        ChainVerifier verifier = new ChainVerifier(log.shard().shardId);
        Map<Long, byte[]> lastTransferEvent = new HashMap<>();
        int events = 0;
        for (long h = 1; h <= chain.height(); h++) {
            List<byte[]> evs = chain.events(h);
            assertThat(verifier.next(h, chain.header(h), evs)).as("seed %d height %d", seed, h).isNull();
            for (byte[] ev : evs) {
                if (ev[0] == EventTypes.transfer) {
                    lastTransferEvent.put(ByteBuffer.wrap(ev, 1, 8).getLong(), Arrays.copyOfRange(ev, 1, ev.length));
                }
            }
            events += evs.size();
        }
        assertThat(verifier.head()).isEqualTo(chain.head());
        assertThat(events).as("the log did some work").isGreaterThan(100);
        // The chain holds exactly what the history holds: no event of a rolled-back chain, no record without one.
        assertThat(lastTransferEvent.keySet()).isEqualTo(store.records().keySet());
        ByteBuffer stored = ByteBuffer.allocate(TransferRecordCodec.bytes);
        for (TransferRecord r : store.records().values()) {
            stored.clear();
            TransferRecordCodec.write(r, stored);
            assertThat(lastTransferEvent.get(r.id())).as("transfer %d", r.id()).isEqualTo(stored.array());
        }
    }

    @Test
    void aRestoredSnapshotContinuesTheChain() throws IOException {
        Log log = randomLog(7);
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger a = log.fresh(store);
        int half = logLength / 2;
        for (int i = 0; i < half; i++) {
            apply(a, log.entries().get(i), i + 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(a, new DataOutputStream(bytes));
        ShardLedger b = log.fresh(store.copy());
        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(b.module(AuditModule.class).height()).isEqualTo(half);

        for (int i = half; i < logLength; i++) {
            apply(a, log.entries().get(i), i + 1);
            apply(b, log.entries().get(i), i + 1);
        }
        assertThat(b.module(AuditModule.class).head()).isEqualTo(a.module(AuditModule.class).head());
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        assertThat(b.module(AuditModule.class).header(logLength)).isEqualTo(a.module(AuditModule.class)
                .header(logLength));
    }

    @Test
    void proofsOfRandomRecordsVerifyAndAnyFlippedBitFails() throws NoSuchAlgorithmException {
        Log log = randomLog(11);
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger l = log.fresh(store);
        for (int i = 0; i < logLength; i++) {
            apply(l, log.entries().get(i), i + 1);
        }
        AuditModule chain = l.module(AuditModule.class);
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Checkpoint c = new Checkpoint(1, 42, List.of(new ShardHead(log.shard().shardId, chain.height(),
                chain.headIndex(), chain.head())));
        AuditHash h = new AuditHash();
        byte[] entry = c.toBytes();
        SignedCheckpoint signed = SignedCheckpoint.sign(entry, 1, MerkleTree.root(h, List.of(h.leaf(entry))),
                key.getPrivate());

        SplittableRandom rnd = new SplittableRandom(11);
        List<TransferRecord> records = new ArrayList<>(store.records().values());
        for (int n = 0; n < 40; n++) {
            TransferRecord r = records.get(rnd.nextInt(records.size()));
            long height = chain.blockAt(r.timestamp());
            Inclusion inc = chain.inclusion(height, EventTypes.transfer, r.id());
            assertThat(inc).as("transfer %d in block %d", r.id(), height).isNotNull();
            RecordProof proof = new RecordProof(inc.event(), inc.leafIndex(), inc.path(), inc.header(),
                    chain.headers(height + 1, chain.height()), signed);
            assertThat(proof.failure(key.getPublic())).as("transfer %d", r.id()).isNull();

            assertThat(flipped(proof, rnd).failure(key.getPublic())).as("a flipped bit, transfer %d", r.id())
                    .isNotNull();
        }
    }

    /** The proof with one random bit flipped in one of its parts (the record, the path, a header, the checkpoint). */
    private static RecordProof flipped(RecordProof p, SplittableRandom rnd) {
        while (true) {
            switch (rnd.nextInt(6)) {
                case 0:
                    return new RecordProof(flip(p.event(), rnd), p.leafIndex(), p.path(), p.block(), p.following(),
                            p.checkpoint());
                case 1:
                    if (p.path().isEmpty()) {
                        continue;
                    }
                    return new RecordProof(p.event(), p.leafIndex(), flipOne(p.path(), rnd), p.block(), p.following(),
                            p.checkpoint());
                case 2:
                    return new RecordProof(p.event(), p.leafIndex(), p.path(), flip(p.block(), rnd), p.following(),
                            p.checkpoint());
                case 3:
                    if (p.following().isEmpty()) {
                        continue;
                    }
                    return new RecordProof(p.event(), p.leafIndex(), p.path(), p.block(), flipOne(p.following(), rnd),
                            p.checkpoint());
                case 4:
                    SignedCheckpoint c = p.checkpoint();
                    return new RecordProof(p.event(), p.leafIndex(), p.path(), p.block(), p.following(),
                            new SignedCheckpoint(flip(c.entry(), rnd), c.treeSize(), c.root(), c.signature()));
                default:
                    SignedCheckpoint s = p.checkpoint();
                    return new RecordProof(p.event(), p.leafIndex(), p.path(), p.block(), p.following(),
                            new SignedCheckpoint(s.entry(), s.treeSize(), s.root(), flip(s.signature(), rnd)));
            }
        }
    }

    private static List<byte[]> flipOne(List<byte[]> list, SplittableRandom rnd) {
        List<byte[]> out = new ArrayList<>(list);
        int i = rnd.nextInt(out.size());
        out.set(i, flip(out.get(i), rnd));
        return out;
    }

    private static byte[] flip(byte[] b, SplittableRandom rnd) {
        byte[] c = b.clone();
        int bit = rnd.nextInt(c.length * 8);
        c[bit / 8] ^= (byte) (1 << (bit % 8));
        return c;
    }
}
