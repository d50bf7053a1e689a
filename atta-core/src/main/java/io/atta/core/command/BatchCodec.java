package io.atta.core.command;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a batch: what one Raft log entry holds. Layout (big-endian):
 * {@code version:u8, timestamp:i64, count:i32, then count × (type:u8, fields)}. Each command's
 * type code and fields are its {@link CommandFamily}'s ({@link CommandType}); the codec knows
 * commands only through the families it was built with, and refuses two that claim one code
 * or one command class. Every field has a fixed width or a length prefix, so a batch's size is
 * known before it is written.
 *
 * <p>The static methods use the build's families ({@link Families#standard()}); a test that adds
 * a family builds its own codec with {@link #BatchCodec(List)}.
 */
public final class BatchCodec {
    public static final byte version = 1;
    public static final int headerBytes = 1 + 8 + 4;
    /** Texts are written as a u16 byte count and UTF-8; the edge keeps them far shorter. */
    public static final int maxTextBytes = CommandFields.maxTextBytes;

    private static final BatchCodec standard = new BatchCodec(Families.standard());

    private final CommandType<?>[] byCode = new CommandType<?>[256];
    private final Map<Class<?>, CommandType<?>> byClass = new IdentityHashMap<>();

    /** A decoded batch: the leader's timestamp (ns since the epoch) and its commands in order. */
    public record Batch(long timestamp, Command[] commands) {
    }

    /** A codec for exactly these families; two that claim one code or one command class are refused. */
    public BatchCodec(List<? extends CommandFamily> families) {
        for (CommandFamily f : families) {
            for (CommandType<?> t : f.types()) {
                CommandType<?> taken = byCode[t.code()];
                if (taken != null) {
                    throw new IllegalArgumentException("command code " + t.code() + " of family " + f.name() + " ("
                            + t.type().getSimpleName() + ") is already " + taken.type().getSimpleName() + "'s");
                }
                if (byClass.containsKey(t.type())) {
                    throw new IllegalArgumentException(t.type().getSimpleName() + " of family " + f.name()
                            + " is registered twice");
                }
                byCode[t.code()] = t;
                byClass.put(t.type(), t);
            }
        }
    }

    /** The codec of the build's families. */
    public static BatchCodec standard() {
        return standard;
    }

    public static int encodedSize(Command c) {
        return standard.sizeOf(c);
    }

    public static byte[] encode(long timestamp, List<? extends Command> commands) {
        return standard.write(timestamp, commands);
    }

    /** Decodes a batch; a malformed entry is a broken invariant (the log holds only what we wrote). */
    public static Batch decode(ByteBuffer b) {
        return standard.read(b);
    }

    /** The bytes the command takes in a batch, its type code included. */
    public int sizeOf(Command c) {
        return 1 + sizeOfFields(typeOf(c), c);
    }

    /** The batch's binary form. */
    public byte[] write(long timestamp, List<? extends Command> commands) {
        int size = headerBytes;
        for (Command c : commands) {
            size += sizeOf(c);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(version).putLong(timestamp).putInt(commands.size());
        for (Command c : commands) {
            CommandType<?> t = typeOf(c);
            b.put((byte) t.code());
            writeFields(t, c, b);
        }
        return b.array();
    }

    /** Decodes a batch; a malformed entry is a broken invariant (the log holds only what we wrote). */
    public Batch read(ByteBuffer b) {
        byte v = b.get();
        if (v != version) {
            throw new IllegalStateException("unknown batch version " + v);
        }
        long timestamp = b.getLong();
        int count = b.getInt();
        if (count < 0 || count > b.remaining()) {
            throw new IllegalStateException("corrupt batch: count " + count);
        }
        Command[] commands = new Command[count];
        for (int i = 0; i < count; i++) {
            int code = Byte.toUnsignedInt(b.get());
            CommandType<?> t = byCode[code];
            if (t == null) {
                throw new IllegalStateException("corrupt batch: command type " + code);
            }
            commands[i] = t.read().apply(b);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("corrupt batch: " + b.remaining() + " trailing bytes");
        }
        return new Batch(timestamp, commands);
    }

    private CommandType<?> typeOf(Command c) {
        CommandType<?> t = byClass.get(c.getClass());
        if (t == null) {
            throw new IllegalArgumentException("unknown command " + c);
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Command> int sizeOfFields(CommandType<T> t, Command c) {
        return t.size().applyAsInt((T) c);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Command> void writeFields(CommandType<T> t, Command c, ByteBuffer b) {
        t.write().accept((T) c, b);
    }
}
