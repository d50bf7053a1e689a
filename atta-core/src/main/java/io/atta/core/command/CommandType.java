package io.atta.core.command;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One kind of command and its binary form in a batch (see {@link BatchCodec}): the one-byte
 * {@code code} written before its fields, how many bytes its fields take, and how to write and
 * read them. The code is part of the log format: once released it never changes meaning.
 *
 * @param code  1–255, unique across every {@link CommandFamily} of the build (the registry refuses duplicates)
 * @param type  the command's record class
 * @param size  bytes of the fields, not counting the code byte
 * @param write writes the fields (not the code) to the buffer
 * @param read  reads the fields (the code already consumed); a malformed entry throws IllegalStateException
 */
public record CommandType<T extends Command>(int code, Class<T> type, ToIntFunction<T> size,
                                             BiConsumer<T, ByteBuffer> write, Function<ByteBuffer, T> read) {
    public CommandType {
        if (code < 1 || code > 255) {
            throw new IllegalArgumentException("command code " + code + " is outside 1..255");
        }
    }
}
