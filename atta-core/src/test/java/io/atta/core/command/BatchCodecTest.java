package io.atta.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
    private static final long ts = 1_700_000_000_123_456_789L;

    /** One command of every type, with values that catch swapped, truncated or sign-mangled fields. */
    private static List<Command> everyType() {
        return List.of(
                new CreateUser(Long.MAX_VALUE, 0x0123_4567_89AB_CDEFL, 156, -1L, Long.MIN_VALUE, 42L, 0x7FL),
                new CreateAccount(1L << 60, 2L, Integer.MAX_VALUE, -7, 0b101, Long.MIN_VALUE),
                new CreateTransfer(11L, 12L, 13L, Long.MAX_VALUE, 392, Integer.MIN_VALUE, 0xF, 14L, 2_592_000,
                        -15L, 16L),
                new CloseAccount(-3L, 4L),
                Tick.instance);
    }

    @Test
    void everyCommandTypeSurvivesARoundTrip() {
        List<Command> commands = everyType();
        byte[] bytes = BatchCodec.encode(ts, commands);

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));

        assertThat(batch.timestamp()).isEqualTo(ts);
        assertThat(batch.commands()).containsExactlyElementsOf(commands);
        assertThat(batch.commands()[4]).isSameAs(Tick.instance);
    }

    @Test
    void eachCommandTypeAloneSurvivesARoundTripAndHasItsAnnouncedSize() {
        for (Command c : everyType()) {
            byte[] bytes = BatchCodec.encode(-ts, List.of(c));

            assertThat(bytes).as("%s", c).hasSize(BatchCodec.headerBytes + BatchCodec.encodedSize(c));
            BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));
            assertThat(batch.timestamp()).isEqualTo(-ts);
            assertThat(batch.commands()).as("%s", c).containsExactly(c);
        }
    }

    @Test
    void emptyBatchSurvivesARoundTrip() {
        byte[] bytes = BatchCodec.encode(ts, List.of());

        assertThat(bytes).hasSize(BatchCodec.headerBytes);
        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));
        assertThat(batch.timestamp()).isEqualTo(ts);
        assertThat(batch.commands()).isEmpty();
    }

    @Test
    void decodesFromABufferPositionedInsideALargerArray() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        byte[] framed = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, framed, 5, bytes.length);

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(framed, 5, bytes.length));

        assertThat(batch.commands()).containsExactlyElementsOf(everyType());
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        bytes[0] = (byte) (BatchCodec.version + 1);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, bytes.length);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(longer)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trailing");
    }

    @Test
    void refusesAnUnknownCommandType() {
        byte[] bytes = BatchCodec.encode(ts, List.of(Tick.instance));
        bytes[BatchCodec.headerBytes] = 99;

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("command type");
    }

    @Test
    void refusesACountLargerThanTheEntry() {
        byte[] bytes = BatchCodec.encode(ts, List.of(Tick.instance));
        ByteBuffer.wrap(bytes).putInt(1 + 8, 1_000);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("count");
    }
}
