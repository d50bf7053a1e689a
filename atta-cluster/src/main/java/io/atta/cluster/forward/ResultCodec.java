package io.atta.cluster.forward;

import io.atta.core.command.Result;

/** Results on the wire between nodes: two bytes each, the result's stable code, big-endian. */
final class ResultCodec {
    private ResultCodec() {
    }

    static byte[] encode(Result[] results) {
        byte[] b = new byte[results.length * 2];
        for (int i = 0; i < results.length; i++) {
            int code = results[i].code();
            b[2 * i] = (byte) (code >>> 8);
            b[2 * i + 1] = (byte) code;
        }
        return b;
    }

    static Result[] decode(byte[] b) {
        if ((b.length & 1) != 0) {
            throw new IllegalStateException("results from another node take " + b.length + " bytes, not two per result");
        }
        Result[] r = new Result[b.length / 2];
        for (int i = 0; i < r.length; i++) {
            int code = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
            try {
                r[i] = Result.ofCode(code);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("unknown result " + code + " from another node: are all nodes one version?", e);
            }
        }
        return r;
    }
}
