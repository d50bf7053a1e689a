package io.atta.server.transfers;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;
import io.atta.server.http.BodyBytes;

import java.nio.charset.StandardCharsets;

/**
 * Writes the reply of {@code POST /v1/transfers}, {@code {"results":[{"id":"…","result":"…"},…]}},
 * straight as bytes into segments: the bytes Jackson's generator wrote for it, without the
 * generator's per-value state checks and character encoding, 8190 times per request. Ids are
 * digits; result names are written as JSON-quoted UTF-8 once per result and reused.
 */
final class ResultsBody {
    private static final byte[] open = ascii("{\"results\":[");
    private static final byte[] close = ascii("]}");
    private static final byte[] idKey = ascii("{\"id\":\"");
    private static final byte[] resultKey = ascii("\",\"result\":\"");
    private static final byte[] itemEnd = ascii("\"}");
    /** The quoted names of the core results, which are what transfers answer; indexed by code. */
    private static final byte[][] coreNames = new byte[ResultRange.core.last() + 1][];
    /** Room an item needs at most besides its result's name: keys, 20 digits, comma. */
    private static final int itemBytes = 64;
    private static final int chunkBytes = 8192;

    static {
        for (Result r : Result.all()) {
            if (r.code() < coreNames.length) {
                coreNames[r.code()] = quoted(r);
            }
        }
    }

    private ResultsBody() {
    }

    /** The reply for {@code items} and their {@code results}, in request order. */
    static BodyBytes write(CreateTransfer[] items, Result[] results) {
        BodyBytes.Sink out = new BodyBytes.Sink();
        byte[] chunk = new byte[chunkBytes];
        System.arraycopy(open, 0, chunk, 0, open.length);
        int pos = open.length;
        for (int i = 0; i < items.length; i++) {
            Result r = results[i];
            byte[] name = r.code() < coreNames.length && coreNames[r.code()] != null ? coreNames[r.code()] : quoted(r);
            if (pos + itemBytes + name.length > chunk.length) {
                out.write(chunk, 0, pos);
                pos = 0;
                if (itemBytes + name.length > chunk.length) {
                    chunk = new byte[itemBytes + name.length];
                }
            }
            if (i > 0) {
                chunk[pos++] = ',';
            }
            pos = put(idKey, chunk, pos);
            pos = unsigned(items[i].id(), chunk, pos);
            pos = put(resultKey, chunk, pos);
            pos = put(name, chunk, pos);
            pos = put(itemEnd, chunk, pos);
        }
        if (pos + close.length > chunk.length) {
            out.write(chunk, 0, pos);
            pos = 0;
        }
        pos = put(close, chunk, pos);
        out.write(chunk, 0, pos);
        return out.bytes();
    }

    private static int put(byte[] b, byte[] chunk, int pos) {
        System.arraycopy(b, 0, chunk, pos, b.length);
        return pos + b.length;
    }

    /** Writes an id (≥ 0: the parser refuses others) in decimal; returns the position after it. */
    private static int unsigned(long v, byte[] chunk, int pos) {
        if (v < 0) {
            throw new IllegalArgumentException("negative id " + v);
        }
        int n = 1;
        for (long bound = 10; n < 19 && v >= bound; bound *= 10) {
            n++;
        }
        int p = pos + n;
        do {
            chunk[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return pos + n;
    }

    private static byte[] quoted(Result r) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(r.apiName());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
