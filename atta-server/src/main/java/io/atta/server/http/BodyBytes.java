package io.atta.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request or reply body held as segments of at most {@link #segmentBytes}, never as one array:
 * an 8190-transfer batch is 1–4 MB of JSON, and one array that size is a humongous object to G1
 * (half a region or more: regions are 1–32 MB by heap size), allocated outside the young
 * generation and freed only by a concurrent cycle or an eager reclaim that often fails. Segments
 * stay ordinary young objects however large the body.
 */
public final class BodyBytes {
    /** Small enough to be an ordinary object with G1's smallest region (1 MB). */
    public static final int segmentBytes = 64 * 1024;
    static final BodyBytes empty = new BodyBytes(List.of(), 0);

    private final List<byte[]> segments;
    private final int length;

    private BodyBytes(List<byte[]> segments, int length) {
        this.segments = segments;
        this.length = length;
    }

    public static BodyBytes of(byte[] bytes) {
        return new BodyBytes(List.of(bytes), bytes.length);
    }

    public int length() {
        return length;
    }

    /** The bytes in order, read from the segments themselves (no copy). */
    public InputStream stream() {
        List<InputStream> parts = new ArrayList<>(segments.size());
        int left = length;
        for (byte[] s : segments) {
            int n = Math.min(s.length, left);
            parts.add(new java.io.ByteArrayInputStream(s, 0, n));
            left -= n;
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The bytes as one array: for bodies known to be small, or handlers that need them so. */
    public byte[] toArray() {
        if (segments.size() == 1 && segments.get(0).length == length) {
            return segments.get(0);
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] s : segments) {
            int n = Math.min(s.length, length - at);
            System.arraycopy(s, 0, out, at, n);
            at += n;
        }
        return out;
    }

    /**
     * Reads a body of {@code declared} bytes (its Content-Length), or, when not declared (-1),
     * to its end or to {@code max + 1} bytes if it is longer (the caller refuses that). A body
     * that ends before {@code declared} comes back shorter.
     */
    static BodyBytes read(InputStream in, long declared, int max) throws IOException {
        List<byte[]> segments = new ArrayList<>();
        long want = declared >= 0 ? declared : max + 1L;
        int length = 0;
        while (length < want) {
            byte[] segment = new byte[(int) Math.min(segmentBytes, want - length)];
            int n = in.readNBytes(segment, 0, segment.length);
            if (n > 0) {
                segments.add(segment);
                length += n;
            }
            if (n < segment.length) {
                break;
            }
        }
        return new BodyBytes(segments, length);
    }

    /** An output stream that collects what is written into segments; {@link #bytes()} when done. */
    public static final class Sink extends OutputStream {
        private final List<byte[]> segments = new ArrayList<>();
        private byte[] current;
        private int filled;
        private int length;

        @Override
        public void write(int b) {
            if (current == null || filled == current.length) {
                next();
            }
            current[filled++] = (byte) b;
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (current == null || filled == current.length) {
                    next();
                }
                int n = Math.min(len, current.length - filled);
                System.arraycopy(b, off, current, filled, n);
                filled += n;
                off += n;
                len -= n;
                length += n;
            }
        }

        private void next() {
            current = new byte[segmentBytes];
            filled = 0;
            segments.add(current);
        }

        public BodyBytes bytes() {
            return length == 0 ? empty : new BodyBytes(segments, length);
        }
    }
}
