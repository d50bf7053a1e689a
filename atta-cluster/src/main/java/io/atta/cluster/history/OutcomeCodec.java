package io.atta.cluster.history;

import io.atta.core.command.Result;
import io.atta.engine.ledger.TransactionOutcome;

import java.nio.ByteBuffer;

/** The stored form of a {@link TransactionOutcome}: fixed width, big-endian. */
final class OutcomeCodec {
    static final int bytes = 8 + 8 + 4 + 1 + 4 + 4 + 8;

    private OutcomeCodec() {
    }

    static byte[] write(TransactionOutcome o) {
        return ByteBuffer.allocate(bytes).putLong(o.txId()).putLong(o.legsDigest()).putInt(o.legCount())
                .put((byte) (o.committed() ? 1 : 0)).putInt(o.reason().code()).putInt(o.failedLeg())
                .putLong(o.decidedAt()).array();
    }

    static TransactionOutcome read(ByteBuffer b) {
        return new TransactionOutcome(b.getLong(), b.getLong(), b.getInt(), b.get() == 1, Result.ofCode(b.getInt()),
                b.getInt(), b.getLong());
    }
}
