package io.atta.server.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies are read and written in segments, byte for byte, whatever their size. */
class BodyBytesTest {
    private static byte[] seeded(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    @Test
    void aDeclaredBodyOfManySegmentsReadsBackExactly() throws Exception {
        byte[] sent = seeded(3 * BodyBytes.segmentBytes + 123);

        BodyBytes body = BodyBytes.read(new ByteArrayInputStream(sent), sent.length, 4 << 20);

        assertThat(body.length()).isEqualTo(sent.length);
        assertThat(body.toArray()).isEqualTo(sent);
        assertThat(body.stream().readAllBytes()).isEqualTo(sent);
    }

    @Test
    void aBodyShorterThanDeclaredComesBackShorterAndAnUndeclaredOneStopsPastTheLimit() throws Exception {
        byte[] sent = seeded(BodyBytes.segmentBytes + 10);

        BodyBytes cut = BodyBytes.read(new ByteArrayInputStream(sent), sent.length + 5L, 4 << 20);
        BodyBytes undeclared = BodyBytes.read(new ByteArrayInputStream(sent), -1, 4 << 20);
        BodyBytes tooLong = BodyBytes.read(new ByteArrayInputStream(sent), -1, 1000);

        assertThat(cut.length()).isEqualTo(sent.length);
        assertThat(undeclared.toArray()).isEqualTo(sent);
        assertThat(tooLong.length()).isEqualTo(1001);
    }

    @Test
    void whatIsWrittenToASinkStreamsBackInOrder() throws Exception {
        byte[] written = seeded(2 * BodyBytes.segmentBytes + 7);
        BodyBytes.Sink sink = new BodyBytes.Sink();

        sink.write(written, 0, 100);
        sink.write(written[100]);
        sink.write(written, 101, written.length - 101);

        assertThat(sink.bytes().stream().readAllBytes()).isEqualTo(written);
        assertThat(new BodyBytes.Sink().bytes().length()).isZero();
    }
}
