package io.atta.server.transfers;

import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

import java.util.function.LongToIntFunction;

/**
 * Splits a batch into one group per shard of the debit account, in request order within each
 * group. A linked chain stays whole in one group, so the shard applies it contiguously. A chain
 * whose debit accounts live on different shards cannot be applied atomically (until cross-shard
 * transactions land): it is answered here, without being submitted, the way the ledger answers a
 * failed chain: {@code accounts_on_different_shards} for the first item on another shard,
 * {@code linked_event_failed} for the rest.
 */
final class TransferRouting {
    /** Answers already known, by request position; null where the item is submitted. */
    final Result[] results;
    /** Per shard, the commands to submit, or null when the shard gets none. */
    final Command[][] groups;
    /** Per shard, the request position of each command of its group. */
    final int[][] positions;

    private TransferRouting(Result[] results, Command[][] groups, int[][] positions) {
        this.results = results;
        this.groups = groups;
        this.positions = positions;
    }

    static TransferRouting route(CreateTransfer[] items, int shardCount, LongToIntFunction shardOf) {
        int n = items.length;
        int[] shard = new int[n];
        for (int i = 0; i < n; i++) {
            shard[i] = shardOf.applyAsInt(items[i].debitAccountId());
        }
        Result[] results = new Result[n];
        int[] counts = new int[shardCount];
        int start = 0;
        while (start < n) {
            int end = chainEnd(items, start);
            int stray = -1;
            for (int k = start + 1; k < end && stray < 0; k++) {
                if (shard[k] != shard[start]) {
                    stray = k;
                }
            }
            for (int k = start; k < end; k++) {
                if (stray < 0) {
                    counts[shard[k]]++;
                } else {
                    results[k] = k == stray ? Result.accounts_on_different_shards : Result.linked_event_failed;
                    shard[k] = -1;
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
        return new TransferRouting(results, groups, positions);
    }

    /**
     * The position after the chain that starts at {@code start}: a chain runs through the first
     * item without {@code linked}, or to the end of the batch (left open; the ledger answers it).
     */
    private static int chainEnd(CreateTransfer[] items, int start) {
        int k = start;
        while (k < items.length && (items[k].flags() & TransferFlags.linked) != 0) {
            k++;
        }
        return Math.min(k + 1, items.length);
    }
}
