package io.atta.server.transfers;

import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Splits a batch by where its transfers can be applied. A transfer, or a linked chain, whose
 * accounts all live on one shard goes to that shard's group, in request order (a chain stays
 * whole, so the shard applies it contiguously). One whose accounts span shards becomes a
 * cross-shard transaction of its own. A chain left open at the end of the batch that spans
 * shards is answered here as the ledger answers an open chain, and a transfer naming an id in the
 * platform's range is answered here too ({@code transfer_id_reserved}).
 */
final class TransferRouting {
    /** Answers already known, by request position; null where the item is submitted. */
    final Result[] results;
    /** Per shard, the commands to submit, or null when the shard gets none. */
    final Command[][] groups;
    /** Per shard, the request position of each command of its group. */
    final int[][] positions;
    /** Transfers and chains that span shards: the request positions {@code [from, to)} of each. */
    final List<int[]> transactions;

    private TransferRouting(Result[] results, Command[][] groups, int[][] positions, List<int[]> transactions) {
        this.results = results;
        this.groups = groups;
        this.positions = positions;
        this.transactions = transactions;
    }

    static TransferRouting route(CreateTransfer[] items, int shardCount, LongToIntFunction shardOf) {
        int n = items.length;
        int[] shard = new int[n];
        Result[] results = new Result[n];
        List<int[]> transactions = new ArrayList<>();
        int[] counts = new int[shardCount];
        int start = 0;
        while (start < n) {
            int end = chainEnd(items, start);
            if (refusedAsReserved(items, start, end, results)) {
                Arrays.fill(shard, start, end, -1);
                start = end;
                continue;
            }
            int home = shardOf.applyAsInt(items[start].debitAccountId());
            boolean spans = false;
            for (int k = start; k < end && !spans; k++) {
                spans = shardOf.applyAsInt(items[k].debitAccountId()) != home
                        || shardOf.applyAsInt(items[k].creditAccountId()) != home;
            }
            for (int k = start; k < end; k++) {
                shard[k] = spans ? -1 : home;
                if (!spans) {
                    counts[home]++;
                }
            }
            if (spans) {
                if ((items[end - 1].flags() & TransferFlags.linked) != 0) {
                    for (int k = start; k < end; k++) {
                        results[k] = k == end - 1 ? Result.linked_event_chain_open : Result.linked_event_failed;
                    }
                } else {
                    transactions.add(new int[] {start, end});
                }
            }
            start = end;
        }
        Command[][] groups = new Command[shardCount][];
        int[][] positions = new int[shardCount][];
        for (int s = 0; s < shardCount; s++) {
            if (counts[s] > 0) {
                groups[s] = new Command[counts[s]];
                positions[s] = new int[counts[s]];
            }
        }
        int[] filled = new int[shardCount];
        for (int i = 0; i < n; i++) {
            int s = shard[i];
            if (s >= 0) {
                groups[s][filled[s]] = items[i];
                positions[s][filled[s]++] = i;
            }
        }
        return new TransferRouting(results, groups, positions, transactions);
    }

    /**
     * Answers a transfer that names an id in the platform's range, as its id or pending id, with
     * {@code transfer_id_reserved} (and the rest of its chain with {@code linked_event_failed}, as
     * the ledger answers a chain): those ids are the platform's own (docs/API.md, Transfer ids), so
     * a client can never take one that a rule of the platform will need. An open chain is left to
     * the answer every open chain gets. Returns whether it answered.
     */
    private static boolean refusedAsReserved(CreateTransfer[] items, int start, int end, Result[] results) {
        if ((items[end - 1].flags() & TransferFlags.linked) != 0) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (Ids.isPlatformId(items[k].id()) || Ids.isPlatformId(items[k].pendingId())) {
                Arrays.fill(results, start, end, Result.linked_event_failed);
                results[k] = Result.transfer_id_reserved;
                return true;
            }
        }
        return false;
    }

    /**
     * The position after the chain that starts at {@code start}: a chain runs through the first
     * item without {@code linked}, or to the end of the batch (left open).
     */
    private static int chainEnd(CreateTransfer[] items, int start) {
        int k = start;
        while (k < items.length && (items[k].flags() & TransferFlags.linked) != 0) {
            k++;
        }
        return Math.min(k + 1, items.length);
    }
}
