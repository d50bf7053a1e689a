package io.atta.engine.credit;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Credit's snapshot section (version 1): the clock, the scorecard in use, every profile and line, in id order. */
final class CreditSnapshot {
    private CreditSnapshot() {
    }

    static void write(CreditBook book, DataOutput out) throws IOException {
        // With nothing to run, the clock's day means nothing: written as unset, so a shard that
        // ticked and one restored from a snapshot without this section write (and hash) the same.
        out.writeInt(book.profiles.isEmpty() && book.lines.isEmpty() ? CreditBook.noDay : book.openDay);
        out.writeInt(book.modelVersion);
        out.writeInt(book.profiles.size());
        for (Profile p : book.profiles.values()) {
            writeProfile(p, out);
        }
        out.writeInt(book.lines.size());
        for (CreditLine l : book.lines.values()) {
            writeLine(l, out);
        }
    }

    static void read(CreditBook book, DataInput in) throws IOException {
        book.clear();
        book.openDay = in.readInt();
        book.modelVersion = in.readInt();
        for (int i = in.readInt(); i > 0; i--) {
            Profile p = readProfile(in);
            book.profiles.put(p.userId, p);
        }
        for (int i = in.readInt(); i > 0; i--) {
            CreditLine l = readLine(in);
            book.lines.put(l.userId, l);
        }
    }

    private static void writeProfile(Profile p, DataOutput out) throws IOException {
        out.writeLong(p.userId);
        out.writeInt(p.kyc);
        out.writeInt(p.onTime);
        out.writeInt(p.late);
        out.writeInt(p.defaults);
        out.writeInt(p.purchases);
        out.writeInt(p.refundedPurchases);
        out.writeInt(p.activeMask);
        out.writeInt(p.lastActiveMonth);
        out.writeInt(p.merchantCount);
        for (int i = 0; i < p.merchantCount; i++) {
            out.writeLong(p.merchants[i]);
        }
        Score s = p.score;
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeInt(s.score());
            out.writeInt(s.modelVersion());
            out.writeLong(s.computedAt());
            out.writeInt(s.history());
            out.writeInt(s.behaviour());
            out.writeInt(s.capacity());
            out.writeInt(s.identity());
            out.writeInt(s.relationships());
            out.writeInt(s.reasons().size());
            for (ScoreReason r : s.reasons()) {
                out.writeInt(r.code());
            }
        }
    }

    private static Profile readProfile(DataInput in) throws IOException {
        Profile p = new Profile(in.readLong());
        p.kyc = in.readInt();
        p.onTime = in.readInt();
        p.late = in.readInt();
        p.defaults = in.readInt();
        p.purchases = in.readInt();
        p.refundedPurchases = in.readInt();
        p.activeMask = in.readInt();
        p.lastActiveMonth = in.readInt();
        p.merchantCount = in.readInt();
        for (int i = 0; i < p.merchantCount; i++) {
            p.merchants[i] = in.readLong();
        }
        if (in.readBoolean()) {
            int score = in.readInt();
            int version = in.readInt();
            long at = in.readLong();
            int[] d = {in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt()};
            List<ScoreReason> reasons = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                reasons.add(ScoreReason.ofCode(in.readInt()));
            }
            p.score = new Score(score, version, at, d[0], d[1], d[2], d[3], d[4], reasons);
        }
        return p;
    }

    private static void writeLine(CreditLine l, DataOutput out) throws IOException {
        out.writeLong(l.userId);
        out.writeLong(l.walletId);
        out.writeInt(l.ledger);
        out.writeUTF(l.requestId);
        out.writeLong(l.openedAt);
        out.writeInt(l.statementDay);
        out.writeLong(l.limit);
        out.writeBoolean(l.autoRepay);
        out.writeLong(l.used);
        TreeMap<Long, Purchase> purchases = new TreeMap<>(l.purchases);
        out.writeInt(purchases.size());
        for (Purchase p : purchases.values()) {
            out.writeLong(p.reference);
            out.writeLong(p.amount);
            out.writeInt(p.day);
            out.writeLong(p.givenBack);
            out.writeLong(p.repaidEarly);
            out.writeInt(p.period);
        }
        out.writeInt(l.unbilled.size());
        for (Purchase p : l.unbilled) {
            out.writeLong(p.reference);
        }
        out.writeInt(l.statements.size());
        for (Statement s : l.statements.values()) {
            writeStatement(s, out);
        }
        out.writeInt(l.plans.size());
        for (Plan p : l.plans) {
            out.writeInt(p.period);
            out.writeLong(p.principal);
            out.writeLong(p.fee);
            out.writeInt(p.months);
            out.writeInt(p.billed);
        }
        out.writeInt(l.repayments.size());
        for (Map.Entry<String, long[]> e : l.repayments.entrySet()) {
            out.writeUTF(e.getKey());
            for (long v : e.getValue()) {
                out.writeLong(v);
            }
        }
    }

    private static CreditLine readLine(DataInput in) throws IOException {
        CreditLine l = new CreditLine(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readLong(),
                in.readInt());
        l.limit = in.readLong();
        l.autoRepay = in.readBoolean();
        l.used = in.readLong();
        for (int n = in.readInt(); n > 0; n--) {
            Purchase p = new Purchase(in.readLong(), in.readLong(), in.readInt());
            p.givenBack = in.readLong();
            p.repaidEarly = in.readLong();
            p.period = in.readInt();
            l.purchases.put(p.reference, p);
        }
        for (int n = in.readInt(); n > 0; n--) {
            l.unbilled.add(l.purchases.get(in.readLong()));
        }
        for (int n = in.readInt(); n > 0; n--) {
            Statement s = readStatement(in);
            l.statements.put(s.period, s);
        }
        for (int n = in.readInt(); n > 0; n--) {
            Plan p = new Plan(in.readInt(), in.readLong(), in.readLong(), in.readInt());
            p.billed = in.readInt();
            l.plans.add(p);
        }
        for (int n = in.readInt(); n > 0; n--) {
            l.repayments.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong()});
        }
        return l;
    }

    private static void writeStatement(Statement s, DataOutput out) throws IOException {
        out.writeInt(s.period);
        out.writeInt(s.day);
        out.writeInt(s.dueDay);
        out.writeLong(s.amount);
        out.writeLong(s.minimum);
        out.writeLong(s.billedOwed);
        out.writeLong(s.chargesOwed);
        out.writeLong(s.charges);
        out.writeLong(s.repaid);
        out.writeLong(s.refunded);
        out.writeInt(s.installedMonths);
        out.writeLong(s.planPrincipal);
        out.writeLong(s.planFee);
        out.writeInt(s.standing);
        out.writeInt(s.rows.size());
        for (Statement.Row r : s.rows) {
            out.writeInt(r.kind());
            out.writeLong(r.reference());
            out.writeLong(r.amount());
            out.writeLong(r.fee());
            out.writeInt(r.part());
            out.writeInt(r.of());
        }
    }

    private static Statement readStatement(DataInput in) throws IOException {
        Statement s = new Statement(in.readInt(), in.readInt(), in.readInt());
        s.amount = in.readLong();
        s.minimum = in.readLong();
        s.billedOwed = in.readLong();
        s.chargesOwed = in.readLong();
        s.charges = in.readLong();
        s.repaid = in.readLong();
        s.refunded = in.readLong();
        s.installedMonths = in.readInt();
        s.planPrincipal = in.readLong();
        s.planFee = in.readLong();
        s.standing = in.readInt();
        for (int n = in.readInt(); n > 0; n--) {
            s.rows.add(new Statement.Row(in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                    in.readInt()));
        }
        return s;
    }
}
