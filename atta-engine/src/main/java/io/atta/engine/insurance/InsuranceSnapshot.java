package io.atta.engine.insurance;

import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.CreateInsurer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Insurance's snapshot section (version 1), in key order: equal state, equal bytes. */
final class InsuranceSnapshot {
    private InsuranceSnapshot() {
    }

    static void write(InsuranceBook book, DataOutput out) throws IOException {
        out.writeInt(book.insurers.size());
        for (Insurer i : book.insurers.values()) {
            CreateInsurer t = i.terms;
            out.writeUTF(t.code());
            out.writeUTF(t.name());
            out.writeInt(t.ledger());
            out.writeLong(t.ownerUserId());
            out.writeLong(t.settlementWalletId());
            out.writeLong(i.createdAt);
        }
        out.writeInt(book.products.size());
        for (Product p : book.products.values()) {
            writeTerms(p.terms, out);
            out.writeLong(p.createdAt);
            for (long v : new long[] {p.policies, p.premiums, p.premiumTotal, p.claimsPaid, p.claimsPaidTotal,
                    p.claimsRejected, p.sharesTotal, p.borneTotal, p.closedPeriods}) {
                out.writeLong(v);
            }
            writeIds(p.members, out);
            writeIds(p.waiting, out);
        }
        out.writeInt(book.policies.size());
        for (Policy p : book.policies.values()) {
            out.writeLong(p.id);
            out.writeLong(p.userId);
            out.writeLong(p.walletId);
            out.writeUTF(p.productCode);
            out.writeLong(p.tradeNo);
            out.writeLong(p.premium);
            out.writeLong(p.startsAt);
            out.writeLong(p.endsAt);
            out.writeInt(p.status);
            out.writeLong(p.claimedAmount);
            out.writeLong(p.sharesPaid);
        }
        out.writeInt(book.claims.size());
        for (Claim c : book.claims.values()) {
            out.writeLong(c.id);
            out.writeLong(c.policyId);
            out.writeLong(c.amount);
            out.writeLong(c.lossAt);
            out.writeLong(c.reportedAt);
            out.writeUTF(c.description);
            out.writeInt(c.status);
            out.writeLong(c.decidedAt);
            out.writeLong(c.decidedBy);
            out.writeUTF(c.reason);
            out.writeLong(c.paidAt);
            out.writeLong(c.transferId);
        }
        out.writeInt(book.covers.size());
        for (InsuranceBook.Cover c : book.covers.values()) {
            out.writeLong(c.tradeNo());
            out.writeLong(c.buyerUserId());
            out.writeUTF(c.productCode());
            out.writeLong(c.requestedAt());
        }
    }

    static void read(InsuranceBook book, DataInput in, int homeSlot) throws IOException {
        book.clear();
        for (int n = in.readInt(), k = 0; k < n; k++) {
            CreateInsurer t = new CreateInsurer(in.readUTF(), in.readUTF(), in.readInt(), in.readLong(), in.readLong());
            book.insurers.put(t.code(), new Insurer(t, homeSlot, in.readLong()));
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
            Product p = new Product(readTerms(in), in.readLong());
            p.policies = in.readLong();
            p.premiums = in.readLong();
            p.premiumTotal = in.readLong();
            p.claimsPaid = in.readLong();
            p.claimsPaidTotal = in.readLong();
            p.claimsRejected = in.readLong();
            p.sharesTotal = in.readLong();
            p.borneTotal = in.readLong();
            p.closedPeriods = in.readLong();
            readIds(p.members, in);
            readIds(p.waiting, in);
            book.products.put(p.terms.code(), p);
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
            Policy p = new Policy(in.readLong(), in.readLong(), in.readLong(), in.readUTF(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong());
            p.status = in.readInt();
            p.claimedAmount = in.readLong();
            p.sharesPaid = in.readLong();
            book.addPolicy(p);
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
            Claim c = new Claim(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readUTF());
            c.status = in.readInt();
            c.decidedAt = in.readLong();
            c.decidedBy = in.readLong();
            c.reason = in.readUTF();
            c.paidAt = in.readLong();
            c.transferId = in.readLong();
            book.claims.put(c.id, c);
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
            InsuranceBook.Cover c = new InsuranceBook.Cover(in.readLong(), in.readLong(), in.readUTF(), in.readLong());
            book.covers.put(c.tradeNo(), c);
        }
    }

    private static void writeTerms(CreateInsuranceProduct t, DataOutput out) throws IOException {
        out.writeUTF(t.code());
        out.writeUTF(t.name());
        out.writeUTF(t.insurerCode());
        out.writeInt(t.kind());
        out.writeInt(t.ledger());
        out.writeInt(t.payer());
        out.writeLong(t.premiumFixed());
        out.writeInt(t.premiumRatePpm());
        out.writeLong(t.premiumMin());
        out.writeLong(t.premiumMax());
        out.writeLong(t.coverage());
        out.writeLong(t.claimWindowSeconds());
        out.writeLong(t.termSeconds());
        out.writeLong(t.periodSeconds());
        out.writeLong(t.startsAt());
    }

    private static CreateInsuranceProduct readTerms(DataInput in) throws IOException {
        return new CreateInsuranceProduct(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readInt(),
                in.readInt(), in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeIds(java.util.List<Long> ids, DataOutput out) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    private static void readIds(java.util.List<Long> ids, DataInput in) throws IOException {
        for (int n = in.readInt(), k = 0; k < n; k++) {
            ids.add(in.readLong());
        }
    }
}
