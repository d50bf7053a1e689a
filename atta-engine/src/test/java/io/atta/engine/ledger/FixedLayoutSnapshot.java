package io.atta.engine.ledger;

import io.atta.engine.shard.ShardModule;
import io.atta.engine.trade.TradeSectionVersion2;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes a shard's state as a version-5 snapshot (the fixed layout before module sections), for
 * tests that load what an older build wrote: the ledger's part, then transactions, trades, keys,
 * channels and adjustments, each as its module's section of version 1 holds it (trades: the
 * section of version 2, which held the gateway's apps and notifications too).
 */
final class FixedLayoutSnapshot {
    private FixedLayoutSnapshot() {
    }

    static byte[] version5(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x41545441);
        out.writeInt(5);
        out.writeInt(l.shardId());
        out.writeInt(l.homeSlot());
        out.writeLong(l.lastTimestamp());
        LedgerModule ledger = l.module(LedgerModule.class);
        LedgerSnapshot.writeLedger(ledger, out);
        module(l, "transaction").writeSection(out);
        TradeSectionVersion2.write(l, out);
        module(l, "key").writeSection(out);
        module(l, "channel").writeSection(out);
        ledger.adjustments.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    /** What version 5 appended to version 4: the keys, channels and adjustments parts. */
    static byte[] version5Tail(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        module(l, "key").writeSection(out);
        module(l, "channel").writeSection(out);
        l.module(LedgerModule.class).adjustments.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static ShardModule module(ShardLedger l, String name) {
        return l.modules().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
