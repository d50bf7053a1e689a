package io.atta.cluster.history;

import java.util.Arrays;

/**
 * Builds a RocksDB write batch in its serialized form ({@code WriteBatch::rep_}: a 12-byte
 * header of sequence number and count, then per record a type byte, varint32-prefixed key and
 * value) so that a whole log entry's history crosses JNI once, through
 * {@code new WriteBatch(byte[])}, instead of once per key.
 */
final class WriteBatchBuilder {
    private static final int headerBytes = 12;
    private static final byte typeValue = 0x1;

    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int count;

    void reset() {
        pos = headerBytes;
        count = 0;
        Arrays.fill(buf, 0, headerBytes, (byte) 0);
    }

    /** Appends a put of {@code key} and the first {@code valueLength} bytes of {@code value}. */
    void put(byte[] key, byte[] value, int valueLength) {
        ensure(1 + 5 + key.length + 5 + valueLength);
        buf[pos++] = typeValue;
        varint(key.length);
        System.arraycopy(key, 0, buf, pos, key.length);
        pos += key.length;
        varint(valueLength);
        System.arraycopy(value, 0, buf, pos, valueLength);
        pos += valueLength;
        count++;
    }

    /** As {@link #put(byte[], byte[], int)} with the key {@code prefix id} (big-endian), made in place. */
    void put(byte prefix, long id, byte[] value, int valueLength) {
        ensure(1 + 1 + 9 + 5 + valueLength);
        buf[pos++] = typeValue;
        buf[pos++] = 9;
        buf[pos++] = prefix;
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (id >>> shift);
        }
        varint(valueLength);
        System.arraycopy(value, 0, buf, pos, valueLength);
        pos += valueLength;
        count++;
    }

    byte[] toBytes() {
        buf[8] = (byte) count;
        buf[9] = (byte) (count >>> 8);
        buf[10] = (byte) (count >>> 16);
        buf[11] = (byte) (count >>> 24);
        return Arrays.copyOf(buf, pos);
    }

    int count() {
        return count;
    }

    private void varint(int v) {
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
