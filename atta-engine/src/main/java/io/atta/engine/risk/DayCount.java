package io.atta.engine.risk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A count of events over today and yesterday (UTC days of the shard's clock): a user's denials, its new payees. */
final class DayCount {
    private long day;
    private int today;
    private int yesterday;

    /** Counts one event at {@code ts}. */
    void add(long ts) {
        long d = ts / RiskModule.dayNs;
        if (d != day) {
            yesterday = d == day + 1 ? today : 0;
            today = 0;
            day = d;
        }
        today++;
    }

    /** The events of the day of {@code ts} and the day before. */
    int recent(long ts) {
        long d = ts / RiskModule.dayNs;
        if (d == day) {
            return today + yesterday;
        }
        return d == day + 1 ? today : 0;
    }

    void copyFrom(DayCount o) {
        day = o.day;
        today = o.today;
        yesterday = o.yesterday;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(day);
        out.writeInt(today);
        out.writeInt(yesterday);
    }

    void read(DataInput in) throws IOException {
        day = in.readLong();
        today = in.readInt();
        yesterday = in.readInt();
    }
}
