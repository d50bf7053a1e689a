package io.atta.engine.wealth;

import io.atta.core.wealth.CreateFund;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The wealth module's snapshot section (version 1): calendars by name, then funds by code, each
 * with its terms, days, published incomes, holders in index order, day columns by day, requests
 * in arrival order and the open ones. Equal state writes equal bytes.
 */
final class WealthSnapshot {
    private WealthSnapshot() {
    }

    static void write(Funds book, DataOutput out) throws IOException {
        out.writeInt(book.calendars.size());
        for (FundCalendar c : book.calendars.values()) {
            out.writeUTF(c.name());
            writeDays(out, c.holidays());
            writeDays(out, c.makeupWorkdays());
        }
        out.writeInt(book.funds.size());
        for (Fund f : book.funds.values()) {
            writeFund(f, out);
        }
    }

    private static void writeFund(Fund f, DataOutput out) throws IOException {
        CreateFund t = f.terms;
        out.writeUTF(t.code());
        out.writeUTF(t.name());
        out.writeInt(t.ledger());
        out.writeLong(t.managerUserId());
        out.writeLong(t.managerWalletId());
        out.writeInt(t.cutoffMinutes());
        out.writeUTF(t.timeZone());
        out.writeLong(t.fastRedeemDailyLimit());
        out.writeLong(t.holdingCap());
        out.writeUTF(t.calendar());
        out.writeInt(t.createdDay());
        out.writeLong(f.createdAt);
        out.writeInt(f.openDay);
        out.writeInt(f.lastIncomeDay);
        out.writeLong(f.pendingTotal);
        out.writeLong(f.payableTotal);
        out.writeInt(f.published.size());
        for (Map.Entry<Integer, Long> e : f.published.entrySet()) {
            out.writeInt(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(f.holders.size());
        for (Holder h : f.holders) {
            out.writeLong(h.userId);
            out.writeLong(h.units);
            out.writeLong(h.pendingUnits);
            out.writeLong(h.totalIncome);
            out.writeLong(h.lastIncome);
            out.writeInt(h.incomeDay);
            out.writeLong(h.fastRedeemed);
            out.writeInt(h.fastDay);
        }
        out.writeInt(f.columns.size());
        for (DayColumn c : f.columns.values()) {
            out.writeInt(c.day);
            out.writeLong(c.per10k);
            out.writeLong(c.earningTotal);
            out.writeLong(c.fundIncome);
            out.writeLong(c.remainder);
            writeLongs(out, c.units);
            out.writeBoolean(c.incomeAtClose != null);
            if (c.incomeAtClose != null) {
                writeLongs(out, c.incomeAtClose);
            }
        }
        out.writeInt(f.requests.size());
        for (FundRequest r : f.requests.values()) {
            out.writeUTF(r.requestId());
            out.writeByte(r.kind().code());
            out.writeLong(r.userId());
            out.writeLong(r.amount());
            out.writeInt(r.day());
            out.writeUTF(r.status());
            out.writeLong(r.createdAt());
        }
        out.writeInt(f.open.size());
        for (String id : f.open) {
            out.writeUTF(id);
        }
    }

    static void read(Funds book, DataInput in, int homeSlot) throws IOException {
        book.clear();
        int calendars = in.readInt();
        for (int i = 0; i < calendars; i++) {
            FundCalendar c = new FundCalendar(in.readUTF(), readDays(in), readDays(in));
            book.calendars.put(c.name(), c);
        }
        int funds = in.readInt();
        for (int i = 0; i < funds; i++) {
            Fund f = readFund(in, homeSlot);
            book.funds.put(f.terms.code(), f);
        }
    }

    private static Fund readFund(DataInput in, int homeSlot) throws IOException {
        CreateFund t = new CreateFund(in.readUTF(), in.readUTF(), in.readInt(), in.readLong(), in.readLong(),
                in.readInt(), in.readUTF(), in.readLong(), in.readLong(), in.readUTF(), in.readInt());
        Fund f = new Fund(t, homeSlot, in.readLong());
        f.openDay = in.readInt();
        f.lastIncomeDay = in.readInt();
        f.pendingTotal = in.readLong();
        f.payableTotal = in.readLong();
        int published = in.readInt();
        for (int i = 0; i < published; i++) {
            f.published.put(in.readInt(), in.readLong());
        }
        int holders = in.readInt();
        for (int i = 0; i < holders; i++) {
            Holder h = f.holderOrNew(in.readLong());
            h.units = in.readLong();
            h.pendingUnits = in.readLong();
            h.totalIncome = in.readLong();
            h.lastIncome = in.readLong();
            h.incomeDay = in.readInt();
            h.fastRedeemed = in.readLong();
            h.fastDay = in.readInt();
        }
        int columns = in.readInt();
        for (int i = 0; i < columns; i++) {
            int day = in.readInt();
            long per10k = in.readLong();
            long earningTotal = in.readLong();
            long fundIncome = in.readLong();
            long remainder = in.readLong();
            long[] units = readLongs(in);
            long[] incomeAtClose = in.readBoolean() ? readLongs(in) : null;
            DayColumn c = new DayColumn(day, units, incomeAtClose);
            c.per10k = per10k;
            c.earningTotal = earningTotal;
            c.fundIncome = fundIncome;
            c.remainder = remainder;
            f.columns.put(day, c);
        }
        int requests = in.readInt();
        for (int i = 0; i < requests; i++) {
            FundRequest r = new FundRequest(in.readUTF(), FundRequest.Kind.ofCode(in.readByte()), in.readLong(),
                    in.readLong(), in.readInt(), in.readUTF(), in.readLong());
            f.requests.put(r.requestId(), r);
        }
        int open = in.readInt();
        for (int i = 0; i < open; i++) {
            f.open.add(in.readUTF());
        }
        return f;
    }

    private static void writeDays(DataOutput out, int[] days) throws IOException {
        out.writeInt(days.length);
        for (int d : days) {
            out.writeInt(d);
        }
    }

    private static int[] readDays(DataInput in) throws IOException {
        int[] days = new int[in.readInt()];
        for (int i = 0; i < days.length; i++) {
            days[i] = in.readInt();
        }
        return days;
    }

    private static void writeLongs(DataOutput out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInput in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
