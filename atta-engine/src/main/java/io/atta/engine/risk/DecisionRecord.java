package io.atta.engine.risk;

import io.atta.core.risk.RiskDecision;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;

/**
 * One decision of risk control on one movement, kept in the shard's history with the transfer
 * (its id is the transfer's) and listed by user: what the enforced rule set decided and why, and
 * what a shadow rule set would have decided. A review's outcome replaces the record.
 *
 * @param shadowDecision the shadow set's decision, or null when none was installed
 */
public record DecisionRecord(long transferId, long userId, long ts, long debitAccountId, long payeeAccountId,
                             long amount, int ledger, RiskDecision decision, String reasons, long ruleSetVersion,
                             RiskDecision shadowDecision, String shadowReasons, long shadowVersion, long score,
                             ReviewStatus review, long reviewedAt) {
    /** The record with its review's outcome. */
    DecisionRecord reviewed(ReviewStatus status, long at) {
        return new DecisionRecord(transferId, userId, ts, debitAccountId, payeeAccountId, amount, ledger, decision,
                reasons, ruleSetVersion, shadowDecision, shadowReasons, shadowVersion, score, status, at);
    }

    /** True when the enforced decision stood (a shadow decision never changes money). */
    public boolean enforced() {
        return ruleSetVersion != 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(transferId);
        out.writeLong(userId);
        out.writeLong(ts);
        out.writeLong(debitAccountId);
        out.writeLong(payeeAccountId);
        out.writeLong(amount);
        out.writeInt(ledger);
        out.writeByte(decision.code());
        out.writeUTF(reasons);
        out.writeLong(ruleSetVersion);
        out.writeByte(shadowDecision == null ? -1 : shadowDecision.code());
        out.writeUTF(shadowReasons);
        out.writeLong(shadowVersion);
        out.writeLong(score);
        out.writeByte(review.ordinal());
        out.writeLong(reviewedAt);
    }

    static DecisionRecord read(DataInput in) throws IOException {
        long transferId = in.readLong();
        long userId = in.readLong();
        long ts = in.readLong();
        long debit = in.readLong();
        long payee = in.readLong();
        long amount = in.readLong();
        int ledger = in.readInt();
        RiskDecision d = RiskDecision.ofCode(in.readByte());
        String reasons = in.readUTF();
        long version = in.readLong();
        byte s = in.readByte();
        return new DecisionRecord(transferId, userId, ts, debit, payee, amount, ledger, d, reasons, version,
                s < 0 ? null : RiskDecision.ofCode(s), in.readUTF(), in.readLong(), in.readLong(),
                ReviewStatus.ofCode(in.readByte()), in.readLong());
    }

    /**
     * The record's bytes as {@link #write} writes them, without a stream: reason codes are ASCII
     * ({@code [a-z0-9_,]}), so a u16 length and the characters are their {@code writeUTF} form.
     */
    byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(8 * 6 + 4 + 1 + 2 + reasons.length() + 8 + 1 + 2 + shadowReasons.length()
                + 8 + 8 + 1 + 8);
        b.putLong(transferId).putLong(userId).putLong(ts).putLong(debitAccountId).putLong(payeeAccountId)
                .putLong(amount).putInt(ledger).put((byte) decision.code());
        ascii(b, reasons);
        b.putLong(ruleSetVersion).put((byte) (shadowDecision == null ? -1 : shadowDecision.code()));
        ascii(b, shadowReasons);
        b.putLong(shadowVersion).putLong(score).put((byte) review.ordinal()).putLong(reviewedAt);
        return b.array();
    }

    private static void ascii(ByteBuffer b, String s) {
        b.putShort((short) s.length());
        for (int i = 0; i < s.length(); i++) {
            b.put((byte) s.charAt(i));
        }
    }

    static DecisionRecord of(byte[] bytes) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new IllegalStateException("a risk decision record does not decode", e);
        }
    }
}
