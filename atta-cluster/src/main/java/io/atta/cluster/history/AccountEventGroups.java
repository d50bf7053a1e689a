package io.atta.cluster.history;

import io.atta.engine.ledger.BalanceEvent;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a batch's balance events as one key per account, {@code 'g' batchTimestamp account},
 * whose value is the batch time of the account's previous group and then its events of this
 * batch in order ({@link #eventBytes} each). A hot account (a house account, a merchant) costs
 * one key per batch, not one per transfer; and the keys follow time, so writes append.
 *
 * <p>Scratch state of one writer (the applying thread); reused from batch to batch.
 */
final class AccountEventGroups {
    /** Bytes of one balance event in an account's group: timestamp, transfer id, kind, 4 balances. */
    static final int eventBytes = 8 + 8 + 1 + 32;

    /** Each account's events in this batch, chained as {first, last, count}. */
    private final Long2ObjectHashMap<int[]> chains = new Long2ObjectHashMap<>();
    private long[] chainAccounts = new long[1024];
    private int[] next = new int[1024];
    private int chainCount;
    private long batchTimestamp;
    private byte[] scratch = new byte[4096];

    /** Adds the groups of {@code events} (one batch, in order) to {@code b}, each linked to the account's previous group. */
    void put(WriteBatchBuilder b, List<BalanceEvent> events, AccountHeads heads) {
        int n = events.size();
        chainCount = 0;
        if (n == 0) {
            return;
        }
        if (next.length < n) {
            next = new int[Math.max(n, next.length * 2)];
        }
        chains.clear();
        for (int i = 0; i < n; i++) {
            next[i] = -1;
            long account = events.get(i).accountId();
            int[] ht = chains.get(account);
            if (ht == null) {
                chains.put(account, new int[] {i, i, 1});
                if (chainCount == chainAccounts.length) {
                    chainAccounts = Arrays.copyOf(chainAccounts, chainCount * 2);
                }
                chainAccounts[chainCount++] = account;
            } else {
                next[ht[1]] = i;
                ht[1] = i;
                ht[2]++;
            }
        }
        batchTimestamp = events.get(0).timestamp();
        for (int c = 0; c < chainCount; c++) {
            long account = chainAccounts[c];
            int[] ht = chains.get(account);
            int size = 8 + ht[2] * eventBytes;
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            ByteBuffer v = ByteBuffer.wrap(scratch);
            v.putLong(heads.current(account));
            for (int i = ht[0]; i >= 0; i = next[i]) {
                BalanceEvent ev = events.get(i);
                v.putLong(ev.timestamp()).putLong(ev.transferId()).put((byte) ev.kind().code())
                        .putLong(ev.debitsPending()).putLong(ev.debitsPosted()).putLong(ev.creditsPending())
                        .putLong(ev.creditsPosted());
            }
            b.put(HistoryKeys.group(batchTimestamp, account), scratch, size);
        }
    }

    /** Makes the groups of the last {@link #put} the accounts' newest, once they are stored. */
    void advance(AccountHeads heads) {
        heads.advance(chainAccounts, chainCount, batchTimestamp);
    }

    static BalanceEvent readEvent(long accountId, ByteBuffer v) {
        long ts = v.getLong();
        long transferId = v.getLong();
        BalanceEvent.Kind kind = BalanceEvent.Kind.ofCode(v.get());
        return new BalanceEvent(accountId, ts, transferId, kind, v.getLong(), v.getLong(), v.getLong(),
                v.getLong());
    }
}
