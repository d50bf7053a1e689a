package io.atta.cluster.forward;

import io.atta.core.command.Result;

/** Results on the wire between nodes: one byte each, the enum's ordinal (all nodes run one version). */
final class ResultCodec {
    private static final Result[] values = Result.values();

    private ResultCodec() {
    }

    static byte[] encode(Result[] results) {
        byte[] b = new byte[results.length];
        for (int i = 0; i < results.length; i++) {
            b[i] = (byte) results[i].ordinal();
        }
        return b;
    }

    static Result[] decode(byte[] b) {
        Result[] r = new Result[b.length];
        for (int i = 0; i < b.length; i++) {
            int o = b[i] & 0xff;
            if (o >= values.length) {
                throw new IllegalStateException("unknown result " + o + " from another node: are all nodes one version?");
            }
            r[i] = values[o];
        }
        return r;
    }
}
