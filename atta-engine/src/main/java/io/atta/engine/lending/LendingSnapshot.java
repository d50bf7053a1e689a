package io.atta.engine.lending;

import io.atta.core.lending.RepaymentMethod;
import io.atta.core.lending.TakeLoan;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The lending module's snapshot section (version 1): the tick's day, lenders by id with their
 * deposits in arrival order, then loans by id with each installment's charges and payments and
 * the repayments in arrival order. The schedule is not written: it is computed again from the
 * terms, rate and disbursement day, exactly. Equal state writes equal bytes.
 */
final class LendingSnapshot {
    private LendingSnapshot() {
    }

    static void write(LoanBook book, DataOutput out) throws IOException {
        out.writeInt(book.day);
        out.writeInt(book.lenders.size());
        for (Lender l : book.lenders.values()) {
            out.writeLong(l.lenderId);
            out.writeUTF(l.name);
            out.writeInt(l.ledger);
            out.writeLong(l.createdAt);
            for (long v : new long[] {l.deposited, l.exposure, l.disbursed, l.principalRepaid, l.interestReceived,
                    l.penaltiesReceived, l.loans}) {
                out.writeLong(v);
            }
            out.writeInt(l.deposits.size());
            for (Lender.LenderDeposit d : l.deposits.values()) {
                out.writeLong(d.transferId());
                out.writeLong(d.channelId());
                out.writeLong(d.amount());
                out.writeUTF(d.channelRef());
                out.writeLong(d.createdAt());
            }
        }
        out.writeInt(book.loans.size());
        for (Loan loan : book.loans.values()) {
            writeLoan(loan, out);
        }
    }

    private static void writeLoan(Loan loan, DataOutput out) throws IOException {
        TakeLoan t = loan.terms;
        out.writeLong(t.userId());
        out.writeUTF(t.requestId());
        out.writeLong(t.lenderId());
        out.writeLong(t.amount());
        out.writeInt(t.months());
        out.writeByte(t.method().code());
        out.writeLong(loan.loanId);
        out.writeLong(loan.lenderId);
        out.writeInt(loan.ledger);
        out.writeInt(loan.score);
        out.writeInt(loan.rateVersion);
        out.writeLong(loan.dailyRate);
        out.writeLong(loan.disbursedAt);
        out.writeInt(loan.disbursedDay);
        out.writeInt(loan.accruedDay);
        out.writeByte(loan.status);
        out.writeLong(loan.closedAt);
        for (int i = 0; i < loan.schedule.length; i++) {
            out.writeLong(loan.interestCharged[i]);
            out.writeLong(loan.principalPaid[i]);
            out.writeLong(loan.interestPaid[i]);
            out.writeLong(loan.penalty[i]);
            out.writeLong(loan.penaltyPaid[i]);
        }
        out.writeInt(loan.repayments.size());
        for (Loan.Repayment r : loan.repayments.values()) {
            out.writeUTF(r.requestId());
            out.writeBoolean(r.prepay());
            out.writeLong(r.amount());
            out.writeLong(r.penalty());
            out.writeLong(r.interest());
            out.writeLong(r.principal());
            out.writeLong(r.createdAt());
        }
    }

    static void read(LoanBook book, DataInput in, int homeSlot) throws IOException {
        book.clear();
        book.day = in.readInt();
        int lenders = in.readInt();
        for (int i = 0; i < lenders; i++) {
            Lender l = new Lender(in.readLong(), in.readUTF(), in.readInt(), in.readLong(), homeSlot);
            l.deposited = in.readLong();
            l.exposure = in.readLong();
            l.disbursed = in.readLong();
            l.principalRepaid = in.readLong();
            l.interestReceived = in.readLong();
            l.penaltiesReceived = in.readLong();
            l.loans = in.readLong();
            int deposits = in.readInt();
            for (int d = 0; d < deposits; d++) {
                Lender.LenderDeposit dep = new Lender.LenderDeposit(in.readLong(), in.readLong(), in.readLong(),
                        in.readUTF(), in.readLong());
                l.deposits.put(dep.transferId(), dep);
            }
            book.lenders.put(l.lenderId, l);
        }
        int loans = in.readInt();
        for (int i = 0; i < loans; i++) {
            book.add(readLoan(in));
        }
    }

    private static Loan readLoan(DataInput in) throws IOException {
        TakeLoan t = new TakeLoan(in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readInt(),
                RepaymentMethod.ofCode(in.readByte()));
        Loan loan = new Loan(in.readLong(), t, in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                in.readLong(), in.readInt());
        loan.accruedDay = in.readInt();
        loan.status = in.readByte();
        loan.closedAt = in.readLong();
        for (int i = 0; i < loan.schedule.length; i++) {
            loan.interestCharged[i] = in.readLong();
            loan.principalPaid[i] = in.readLong();
            loan.interestPaid[i] = in.readLong();
            loan.penalty[i] = in.readLong();
            loan.penaltyPaid[i] = in.readLong();
        }
        int repayments = in.readInt();
        for (int i = 0; i < repayments; i++) {
            Loan.Repayment r = new Loan.Repayment(in.readUTF(), in.readBoolean(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong());
            loan.repayments.put(r.requestId(), r);
        }
        return loan;
    }
}
