package io.atta.server.http;

import io.atta.core.Limits;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * A batch's commands and reads grouped by shard: one submit (one log entry) and one read per
 * shard, however many items the batch holds, each answer put back at its item's position.
 */
public final class PerShard {
    private PerShard() {
    }

    /**
     * Submits {@code commands[i]} to shard {@code shards[i]}, in request order within a shard;
     * a null command is skipped. Answers one result per position, null where skipped.
     */
    public static CompletableFuture<Result[]> submit(ServerLedger ledger, Command[] commands, int[] shards) {
        if (commands.length != shards.length) {
            throw new IllegalArgumentException(commands.length + " commands but " + shards.length + " shards");
        }
        int[][] positions = group(commands, shards, ledger.shardCount());
        Result[] results = new Result[commands.length];
        List<CompletableFuture<Void>> submitted = new ArrayList<>();
        for (int s = 0; s < positions.length; s++) {
            int[] at = positions[s];
            if (at == null) {
                continue;
            }
            Command[] group = new Command[at.length];
            for (int j = 0; j < at.length; j++) {
                group[j] = commands[at[j]];
            }
            submitted.add(ledger.submit(s, group).thenAccept(rs -> {
                if (rs.length != at.length) {
                    throw new IllegalStateException("shard answered " + rs.length + " results for " + at.length
                            + " commands");
                }
                for (int j = 0; j < at.length; j++) {
                    results[at[j]] = rs[j];
                }
            }));
        }
        return CompletableFuture.allOf(submitted.toArray(new CompletableFuture<?>[0])).thenApply(v -> results);
    }

    /**
     * Submits each item's commands ({@code groups[i]}, null: none) to shard {@code shards[i]},
     * an item's commands together and in order in one log entry, items in request order within a
     * shard and at most {@link Limits#maxBatchCommands} commands a submit. Answers each item's
     * results, null where skipped.
     */
    public static CompletableFuture<Result[][]> submitEach(ServerLedger ledger, Command[][] groups, int[] shards) {
        if (groups.length != shards.length) {
            throw new IllegalArgumentException(groups.length + " items but " + shards.length + " shards");
        }
        Result[][] results = new Result[groups.length][];
        List<CompletableFuture<Void>> submitted = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            List<Integer> items = new ArrayList<>();
            int commands = 0;
            for (int i = 0; i <= groups.length; i++) {
                boolean full = i == groups.length || groups[i] != null && shards[i] == s
                        && commands + groups[i].length > Limits.maxBatchCommands;
                if (full && !items.isEmpty()) {
                    submitted.add(submitGroups(ledger, s, groups, List.copyOf(items), commands, results));
                    items.clear();
                    commands = 0;
                }
                if (i < groups.length && groups[i] != null && shards[i] == s) {
                    items.add(i);
                    commands += groups[i].length;
                }
            }
        }
        return CompletableFuture.allOf(submitted.toArray(new CompletableFuture<?>[0])).thenApply(v -> results);
    }

    private static CompletableFuture<Void> submitGroups(ServerLedger ledger, int shard, Command[][] groups,
                                                        List<Integer> items, int count, Result[][] results) {
        Command[] commands = new Command[count];
        int at = 0;
        for (int i : items) {
            System.arraycopy(groups[i], 0, commands, at, groups[i].length);
            at += groups[i].length;
        }
        return ledger.submit(shard, commands).thenAccept(rs -> {
            if (rs.length != count) {
                throw new IllegalStateException("shard answered " + rs.length + " results for " + count
                        + " commands");
            }
            int from = 0;
            for (int i : items) {
                results[i] = java.util.Arrays.copyOfRange(rs, from, from + groups[i].length);
                from += groups[i].length;
            }
        });
    }

    private static int[][] group(Command[] commands, int[] shards, int shardCount) {
        int[] counts = new int[shardCount];
        for (int i = 0; i < commands.length; i++) {
            if (commands[i] != null) {
                counts[shards[i]]++;
            }
        }
        int[][] positions = new int[shardCount][];
        int[] filled = new int[shardCount];
        for (int i = 0; i < commands.length; i++) {
            if (commands[i] == null) {
                continue;
            }
            int s = shards[i];
            if (positions[s] == null) {
                positions[s] = new int[counts[s]];
            }
            positions[s][filled[s]++] = i;
        }
        return positions;
    }

    /**
     * Reads each id on the shard that holds it, one read per shard; {@code readOne} answers an
     * id's record (a copy) or null, and the map holds the ids that have one.
     */
    public static <T> CompletableFuture<Map<Long, T>> read(ServerLedger ledger, Collection<Long> ids,
                                                           BiFunction<ShardLedger, Long, T> readOne) {
        Map<Integer, List<Long>> byShard = new HashMap<>();
        for (Long id : ids) {
            byShard.computeIfAbsent(ledger.shardOf(id), s -> new ArrayList<>()).add(id);
        }
        Map<Long, T> found = new HashMap<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>(byShard.size());
        for (Map.Entry<Integer, List<Long>> e : byShard.entrySet()) {
            List<Long> group = e.getValue();
            reads.add(ledger.readShard(e.getKey(), l -> {
                Map<Long, T> out = new HashMap<>();
                for (Long id : group) {
                    T v = readOne.apply(l, id);
                    if (v != null) {
                        out.put(id, v);
                    }
                }
                return out;
            }).thenAccept(out -> {
                synchronized (found) {
                    found.putAll(out);
                }
            }));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> found);
    }
}
