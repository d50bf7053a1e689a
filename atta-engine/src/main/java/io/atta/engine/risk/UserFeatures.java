package io.atta.engine.risk;

import io.atta.core.risk.RiskLimits;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What risk control keeps of one user on its shard, in fixed-size arrays (docs/RISK.md, Features):
 * per velocity window, {@link RiskLimits#bucketsPerWindow} buckets of count and sum; the last
 * {@link RiskLimits#knownPayees} payee accounts; the last {@link RiskLimits#knownDevices} devices
 * and client addresses; new payees and denials in the current and the previous day. About 0.9 KB per user with
 * three windows, whatever the user does.
 *
 * <p>A window of W seconds is cut into buckets of W / 12; a movement counts while its bucket is
 * one of the last 12, the current one included: for W after the start of its bucket.
 */
final class UserFeatures {
    final long userId;
    int kycLevel;
    /** Per window w and bucket slot k at {@code w * buckets + k}: the bucket's index (ts / width), its count and sum. */
    long[] bucketIndex;
    int[] bucketCount;
    long[] bucketSum;
    final long[] payees = new long[RiskLimits.knownPayees];
    int payeeCount;
    final long[] devices = new long[RiskLimits.knownDevices];
    int deviceCount;
    /** Client addresses as (high, low) pairs. */
    final long[] addresses = new long[2 * RiskLimits.knownDevices];
    int addressCount;
    final DayCount newPayees = new DayCount();
    final DayCount denials = new DayCount();

    UserFeatures(long userId, int windows) {
        this.userId = userId;
        resetWindows(windows);
    }

    void resetWindows(int windows) {
        int n = windows * RiskLimits.bucketsPerWindow;
        bucketIndex = new long[n];
        bucketCount = new int[n];
        bucketSum = new long[n];
        java.util.Arrays.fill(bucketIndex, -1);
    }

    int windows() {
        return bucketIndex.length / RiskLimits.bucketsPerWindow;
    }

    /** Movements of window {@code w} (width {@code bucketNs} per bucket) at {@code ts}. */
    int count(int w, long bucketNs, long ts) {
        long now = ts / bucketNs;
        int n = 0;
        int base = w * RiskLimits.bucketsPerWindow;
        for (int k = 0; k < RiskLimits.bucketsPerWindow; k++) {
            long b = bucketIndex[base + k];
            if (b > now - RiskLimits.bucketsPerWindow && b <= now) {
                n += bucketCount[base + k];
            }
        }
        return n;
    }

    /** The sum of window {@code w}'s movements at {@code ts}; saturates rather than overflow. */
    long sum(int w, long bucketNs, long ts) {
        long now = ts / bucketNs;
        long s = 0;
        int base = w * RiskLimits.bucketsPerWindow;
        for (int k = 0; k < RiskLimits.bucketsPerWindow; k++) {
            long b = bucketIndex[base + k];
            if (b > now - RiskLimits.bucketsPerWindow && b <= now) {
                s = saturatedAdd(s, bucketSum[base + k]);
            }
        }
        return s;
    }

    /** Adds one movement of {@code amount} (0 when it is in another currency) to window {@code w} at {@code ts}. */
    void add(int w, long bucketNs, long ts, long amount) {
        long now = ts / bucketNs;
        int slot = w * RiskLimits.bucketsPerWindow + (int) (now % RiskLimits.bucketsPerWindow);
        if (bucketIndex[slot] != now) {
            bucketIndex[slot] = now;
            bucketCount[slot] = 0;
            bucketSum[slot] = 0;
        }
        bucketCount[slot]++;
        bucketSum[slot] = saturatedAdd(bucketSum[slot], amount);
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }

    /** True when {@code v} is among the ring's entries ({@code count} ever added, the oldest overwritten). */
    private static boolean inRing(long[] ring, int count, long v) {
        for (int i = 0; i < Math.min(count, ring.length); i++) {
            if (ring[i] == v) {
                return true;
            }
        }
        return false;
    }

    boolean knowsPayee(long account) {
        return inRing(payees, payeeCount, account);
    }

    /** Remembers the payee; a new one counts among the day's new payees. */
    void rememberPayee(long account, long ts) {
        if (!knowsPayee(account)) {
            payees[payeeCount % payees.length] = account;
            payeeCount++;
            newPayees.add(ts);
        }
    }

    /** New payees of today and yesterday. */
    int recentNewPayees(long ts) {
        return newPayees.recent(ts);
    }

    boolean knowsDevice(long device) {
        return inRing(devices, deviceCount, device);
    }

    void rememberDevice(long device) {
        if (device != 0 && !knowsDevice(device)) {
            devices[deviceCount % devices.length] = device;
            deviceCount++;
        }
    }

    /** True when an address of the user's shares the first {@code bits} with (high, low). */
    boolean knowsAddressPrefix(long high, long low, int bits) {
        int known = Math.min(addressCount, devices.length);
        for (int i = 0; i < known; i++) {
            if (AddressPrefix.matches(addresses[2 * i], addresses[2 * i + 1], high, low, bits)) {
                return true;
            }
        }
        return false;
    }

    void rememberAddress(long high, long low) {
        if ((high | low) == 0 || knowsAddressPrefix(high, low, 128)) {
            return;
        }
        int i = addressCount % devices.length;
        addresses[2 * i] = high;
        addresses[2 * i + 1] = low;
        addressCount++;
    }

    /** Denials in the last one to two days (today's and yesterday's). */
    int recentDenials(long ts) {
        return denials.recent(ts);
    }

    void addDenial(long ts) {
        denials.add(ts);
    }

    /** A copy, for the undo log of a group. */
    UserFeatures copy() {
        UserFeatures c = new UserFeatures(userId, 0);
        c.restore(this);
        return c;
    }

    /** Takes every field of {@code o}. */
    void restore(UserFeatures o) {
        kycLevel = o.kycLevel;
        bucketIndex = o.bucketIndex.clone();
        bucketCount = o.bucketCount.clone();
        bucketSum = o.bucketSum.clone();
        System.arraycopy(o.payees, 0, payees, 0, payees.length);
        payeeCount = o.payeeCount;
        System.arraycopy(o.devices, 0, devices, 0, devices.length);
        deviceCount = o.deviceCount;
        System.arraycopy(o.addresses, 0, addresses, 0, addresses.length);
        addressCount = o.addressCount;
        newPayees.copyFrom(o.newPayees);
        denials.copyFrom(o.denials);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(userId);
        out.writeInt(kycLevel);
        out.writeInt(bucketIndex.length);
        for (int i = 0; i < bucketIndex.length; i++) {
            out.writeLong(bucketIndex[i]);
            out.writeInt(bucketCount[i]);
            out.writeLong(bucketSum[i]);
        }
        writeLongs(out, payees);
        out.writeInt(payeeCount);
        writeLongs(out, devices);
        out.writeInt(deviceCount);
        writeLongs(out, addresses);
        out.writeInt(addressCount);
        newPayees.write(out);
        denials.write(out);
    }

    static UserFeatures read(DataInput in) throws IOException {
        UserFeatures f = new UserFeatures(in.readLong(), 0);
        f.kycLevel = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > RiskLimits.maxWindows * RiskLimits.bucketsPerWindow) {
            throw new IOException("risk section: " + n + " buckets");
        }
        f.bucketIndex = new long[n];
        f.bucketCount = new int[n];
        f.bucketSum = new long[n];
        for (int i = 0; i < n; i++) {
            f.bucketIndex[i] = in.readLong();
            f.bucketCount[i] = in.readInt();
            f.bucketSum[i] = in.readLong();
        }
        readLongs(in, f.payees);
        f.payeeCount = in.readInt();
        readLongs(in, f.devices);
        f.deviceCount = in.readInt();
        readLongs(in, f.addresses);
        f.addressCount = in.readInt();
        f.newPayees.read(in);
        f.denials.read(in);
        return f;
    }

    private static void writeLongs(DataOutput out, long[] a) throws IOException {
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static void readLongs(DataInput in, long[] a) throws IOException {
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
    }
}
