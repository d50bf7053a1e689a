package io.atta.engine.risk;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.risk.PutRiskRules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Risk control's snapshot section (version 1), in key order: the rule sets in their log form
 * (the last put, the enforced and the shadow one), the features' windows, every user's features
 * by id, the open reviews by id, and the shadow report.
 */
final class RiskSnapshot {
    private RiskSnapshot() {
    }

    static void write(RiskModule m, DataOutput out) throws IOException {
        writeRules(out, m.lastPut);
        writeRules(out, m.enforced == null ? null : m.enforced.source);
        writeRules(out, m.shadow == null ? null : m.shadow.source);
        out.writeInt(m.windowsSeconds.length);
        for (long w : m.windowsSeconds) {
            out.writeLong(w);
        }
        long[] ids = new long[m.features.size()];
        int n = 0;
        for (Long2Key k = new Long2Key(m); k.next(); ) {
            ids[n++] = k.id;
        }
        java.util.Arrays.sort(ids);
        out.writeInt(ids.length);
        for (long id : ids) {
            m.features.get(id).write(out);
        }
        out.writeInt(m.reviews.size());
        for (DecisionRecord r : m.reviews.values()) {
            r.write(out);
        }
        for (int i = 0; i < 9; i++) {
            out.writeLong(m.shadowCounts[i]);
            out.writeLong(m.shadowAmounts[i]);
        }
    }

    static void read(RiskModule m, DataInput in) throws IOException {
        m.lastPut = readRules(in);
        PutRiskRules enforced = readRules(in);
        PutRiskRules shadow = readRules(in);
        int w = in.readInt();
        long[] windows = new long[w];
        for (int i = 0; i < w; i++) {
            windows[i] = in.readLong();
        }
        m.useWindows(windows);
        m.enforced = enforced == null ? null : new RuleSet(enforced, windows);
        m.shadow = shadow == null ? null : new RuleSet(shadow, windows);
        int users = in.readInt();
        for (int i = 0; i < users; i++) {
            UserFeatures f = UserFeatures.read(in);
            m.features.put(f.userId, f);
        }
        int reviews = in.readInt();
        for (int i = 0; i < reviews; i++) {
            DecisionRecord r = DecisionRecord.read(in);
            m.reviews.put(r.transferId(), r);
        }
        for (int i = 0; i < 9; i++) {
            m.shadowCounts[i] = in.readLong();
            m.shadowAmounts[i] = in.readLong();
        }
    }

    private static void writeRules(DataOutput out, PutRiskRules p) throws IOException {
        if (p == null) {
            out.writeInt(0);
            return;
        }
        byte[] b = BatchCodec.encode(0, List.of(p));
        out.writeInt(b.length);
        out.write(b);
    }

    private static PutRiskRules readRules(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        Command[] c = BatchCodec.decode(ByteBuffer.wrap(b)).commands();
        if (c.length != 1 || !(c[0] instanceof PutRiskRules p)) {
            throw new IOException("risk section: a rule set does not decode");
        }
        return p;
    }

    /** Walks the features' user ids. */
    private static final class Long2Key {
        private final org.agrona.collections.Long2ObjectHashMap<UserFeatures>.KeyIterator it;
        long id;

        Long2Key(RiskModule m) {
            it = m.features.keySet().iterator();
        }

        boolean next() {
            if (!it.hasNext()) {
                return false;
            }
            id = it.nextLong();
            return true;
        }
    }
}
