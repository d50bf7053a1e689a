package io.atta.engine.trade;

import io.atta.engine.shard.RecordArchive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Final trades and orders in the shard's history ({@link RecordArchive}), in the form a snapshot
 * writes them ({@link TradeRecordCodec}): what {@link TradeBook} moves out of the heap once a
 * record has reached a state no rule of time changes (docs/TRADES.md, "Where a finished trade
 * goes"). It counts what it archived and folds each record into a hash, so that the state hash
 * covers archived records without depending on whether the history's indexer has stored them.
 */
final class TradeArchive {
    /** Record kinds and list kinds of the trade module in the shard's archive. */
    static final byte tradeKind = 'T';
    static final byte orderKind = 'O';
    static final byte ordersOfMerchant = 'M';
    static final byte ordersOfBuyer = 'B';
    private static final byte[] noLists = {};
    private static final long[] noOwners = {};

    private final RecordArchive store;
    /** Trades and orders in the archive and not in the heap. */
    long archivedTrades;
    long archivedOrders;
    /** The sum of the hashes of their records ({@link #hash}): the same whatever order they came in. */
    long archivedHash;

    TradeArchive(RecordArchive store) {
        this.store = store;
    }

    /**
     * Archives a final trade. One a command brought back (a repeat, a late refund) is stored again
     * only if the command changed it.
     */
    void put(Trade t) {
        byte[] bytes = encode(out -> TradeRecordCodec.writeTrade(t, out));
        if (t.archivedBytes == null || !Arrays.equals(bytes, t.archivedBytes)) {
            store.put(new RecordArchive.Entry(tradeKind, t.tradeNo, bytes, t.createdAt, noLists, noOwners));
        }
        archivedTrades++;
        archivedHash += hash(bytes);
    }

    /** Archives a final order, in its merchant's list and, if bound, its buyer's; as {@link #put(Trade)}. */
    void put(Order o) {
        byte[] bytes = encode(out -> TradeRecordCodec.writeOrder(o, out));
        if (o.archivedBytes == null || !Arrays.equals(bytes, o.archivedBytes)) {
            byte[] lists = o.buyerUserId != 0 ? new byte[] {ordersOfMerchant, ordersOfBuyer}
                    : new byte[] {ordersOfMerchant};
            long[] owners = o.buyerUserId != 0 ? new long[] {o.merchantId, o.buyerUserId} : new long[] {o.merchantId};
            store.put(new RecordArchive.Entry(orderKind, o.tradeNo, bytes, o.createdAt, lists, owners));
        }
        archivedOrders++;
        archivedHash += hash(bytes);
    }

    /** Notes that a command brought an archived trade back into the heap. */
    void broughtBack(Trade t) {
        archivedTrades--;
        archivedHash -= hash(t.archivedBytes);
    }

    /** Notes that a command brought an archived order back into the heap. */
    void broughtBack(Order o) {
        archivedOrders--;
        archivedHash -= hash(o.archivedBytes);
    }

    /** The archived trade, decoded (a fresh object), or null. */
    Trade trade(long tradeNo) {
        byte[] b = store.find(tradeKind, tradeNo);
        Trade t = b == null ? null : read(b, tradeNo, in -> TradeRecordCodec.readTrade(in, true));
        if (t != null) {
            t.archivedBytes = b;
        }
        return t;
    }

    /** The archived order, decoded (a fresh object), or null. */
    Order order(long tradeNo) {
        byte[] b = store.find(orderKind, tradeNo);
        Order o = b == null ? null : read(b, tradeNo, in -> TradeRecordCodec.readOrder(in, true));
        if (o != null) {
            o.archivedBytes = b;
        }
        return o;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T read(byte[] b, long tradeNo, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("archived record of trade " + tradeNo + " cannot be read", e);
        }
    }

    RecordArchive store() {
        return store;
    }

    void clear() {
        archivedTrades = 0;
        archivedOrders = 0;
        archivedHash = 0;
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] encode(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A 64-bit hash of a record's bytes (FNV-1a, then a finalizer that spreads every bit). */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte x : bytes) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
