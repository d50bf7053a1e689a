package io.atta.jmh;

import io.atta.core.audit.AuditHash;
import io.atta.core.audit.Checkpoint;
import io.atta.core.audit.EventTypes;
import io.atta.core.audit.MerkleTree;
import io.atta.core.audit.RecordProof;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.audit.Inclusion;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The audit chain's read side (docs/AUDIT.md), one thread: {@code prove} builds a transfer's
 * inclusion in its block (reads the block's events, hashes its leaves, takes the path) and the
 * headers up to the head, as {@code GET /v1/audit/proofs/transfers/{id}} does past its HTTP and
 * its checkpoint; {@code verify} checks a whole proof offline, the signature included, as
 * {@code atta audit verify-proof} does. Blocks of {@code batch} transfers; scores are per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AuditProofBenchmark {
    private static final int blocks = 20;

    @Param({"100", "8190"})
    public int batch;

    private static final int accounts = 1000;
    private AuditModule chain;
    private final SplittableRandom random = new SplittableRandom(42);
    private long transfers;
    private RecordProof proof;
    private KeyPair key;
    private SignedCheckpoint checkpoint;

    @Setup
    public void setUp() throws GeneralSecurityException {
        ShardLedger ledger = ShardLedger.standalone(new InMemoryTransferStore());
        check(ledger.apply(1, TransferBatches.setup(accounts)));
        long id = 1;
        for (int b = 0; b < blocks; b++) {
            CreateTransfer[] all = TransferBatches.batch(id, accounts, random);
            CreateTransfer[] some = java.util.Arrays.copyOf(all, Math.min(batch, all.length));
            id += some.length;
            check(ledger.apply(1_000_000L * (b + 2), some));
        }
        transfers = id - 1;
        chain = ledger.module(AuditModule.class);
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditHash h = new AuditHash();
        byte[] entry = new Checkpoint(1, 1, List.of(new ShardHead(0, chain.height(), 0, chain.head()))).toBytes();
        checkpoint = SignedCheckpoint.sign(entry, 1, MerkleTree.root(h, List.of(h.leaf(entry))), key.getPrivate());
        proof = prove();
        if (proof.failure(key.getPublic()) != null) {
            throw new IllegalStateException(proof.failure(key.getPublic()));
        }
    }

    @Benchmark
    public RecordProof prove() {
        long id = 1 + random.nextLong(transfers);
        // Transfer ids run in order through the blocks after the setup's (height 1).
        long height = 2 + (id - 1) / batch;
        Inclusion inc = chain.inclusion(height, EventTypes.transfer, id);
        return new RecordProof(inc.event(), inc.leafIndex(), inc.path(), inc.header(),
                chain.headers(height + 1, chain.height()), checkpoint);
    }

    @Benchmark
    public String verify() {
        String failure = proof.failure(key.getPublic());
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return failure;
    }

    private static void check(Result[] results) {
        for (Result r : results) {
            if (r != Result.ok) {
                throw new IllegalStateException("the ledger answered " + r);
            }
        }
    }
}
