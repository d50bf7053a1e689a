package io.atta.core.command;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getLegs;
import static io.atta.core.command.CommandFields.legsBytes;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putLegs;

import java.util.List;

/** Cross-shard transactions: begin, prepare, decide, resolve, finish (docs/ARCHITECTURE.md §5). */
public final class TransactionFamily implements CommandFamily {
    /**
     * The top bit of a prepare's coordinator field: the participant decides. Shard numbers are
     * far below it, and a prepare written before the flag existed reads as one that only votes.
     */
    private static final int participantDecides = 0x8000_0000;

    @Override
    public String name() {
        return "transaction";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(6, BeginTransaction.class, t -> 8 + 8 + legsBytes(t.legs()),
                        (t, b) -> putLegs(b.putLong(t.txId()).putLong(t.participants()), t.legs()),
                        b -> new BeginTransaction(b.getLong(), b.getLong(), getLegs(b))),
                new CommandType<>(7, PrepareTransaction.class, t -> 4 + 8 + legsBytes(t.legs()),
                        (t, b) -> putLegs(b.putInt(t.coordinator() | (t.decides() ? participantDecides : 0))
                                .putLong(t.txId()), t.legs()),
                        TransactionFamily::readPrepare),
                new CommandType<>(8, DecideTransaction.class, t -> 8 + 1 + 4 + 4,
                        (t, b) -> {
                            putBoolean(b.putLong(t.txId()), t.commit());
                            b.putInt(resultCode(t.reason())).putInt(t.failedLeg());
                        },
                        b -> new DecideTransaction(b.getLong(), getBoolean(b), result(b.getInt()), b.getInt())),
                new CommandType<>(9, ResolveTransaction.class, t -> 4 + 8 + 1,
                        (t, b) -> putBoolean(b.putInt(t.coordinator()).putLong(t.txId()), t.commit()),
                        b -> new ResolveTransaction(b.getInt(), b.getLong(), getBoolean(b))),
                new CommandType<>(10, FinishTransaction.class, t -> 8, (t, b) -> b.putLong(t.txId()),
                        b -> new FinishTransaction(b.getLong())));
    }

    private static PrepareTransaction readPrepare(java.nio.ByteBuffer b) {
        int coordinator = b.getInt();
        return new PrepareTransaction(coordinator & ~participantDecides, b.getLong(), getLegs(b),
                (coordinator & participantDecides) != 0);
    }

    /** The one place a decision's reason becomes a number in the log: its stable code. */
    private static int resultCode(Result r) {
        return r.code();
    }

    private static Result result(int code) {
        return Result.ofCode(code);
    }
}
