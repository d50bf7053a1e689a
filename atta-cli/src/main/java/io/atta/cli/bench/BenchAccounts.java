package io.atta.cli.bench;

import io.atta.client.AccountIds;
import io.atta.client.AttaClient;
import io.atta.client.BatchResults;
import io.atta.client.CreatedUser;
import io.atta.client.NewAccount;
import io.atta.core.Currency;
import io.atta.core.Limits;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Creates the accounts a benchmark moves money between: one owning user per shard, and the
 * accounts spread evenly over those users, with client-chosen ids and no balance limits (so no
 * transfer can fail for funds). Account {@code i} (from 0) belongs to the user of shard
 * {@code i % shards}.
 */
final class BenchAccounts {
    static final Currency currency = Currency.CNY;
    /** Users drawn before giving up on finding one on every shard (ids land on random slots). */
    static final int maxUsersPerShard = 200;

    private BenchAccounts() {
    }

    static AccountsByShard create(AttaClient client, LongToIntFunction shardOf, int shards, int accounts,
                                  PrintWriter err) {
        long[] owners = usersOnEveryShard(client, shardOf, shards);
        long[] ids = new long[accounts];
        int[][] byShard = new int[shards][];
        for (int s = 0; s < shards; s++) {
            byShard[s] = new int[(accounts - s + shards - 1) / shards];
        }
        for (int i = 0; i < accounts; i++) {
            int shard = i % shards;
            ids[i] = AccountIds.forOwner(owners[shard], i);
            byShard[shard][i / shards] = i;
        }
        for (int from = 0; from < accounts; from += Limits.maxBatchAccounts) {
            int to = Math.min(accounts, from + Limits.maxBatchAccounts);
            List<NewAccount> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(NewAccount.of(ids[i], owners[i % shards], currency));
            }
            BatchResults results = client.createAccounts(batch);
            if (!results.allOk()) {
                throw new BenchFailure("creating accounts: " + results);
            }
        }
        err.printf("[bench] created %,d accounts under %d users, one per shard%n", accounts, shards);
        return new AccountsByShard(ids, byShard);
    }

    private static long[] usersOnEveryShard(AttaClient client, LongToIntFunction shardOf, int shards) {
        long[] owners = new long[shards];
        int found = 0;
        for (int attempt = 0; found < shards; attempt++) {
            if (attempt == maxUsersPerShard * shards) {
                throw new BenchFailure("no user landed on some shard after " + attempt + " users");
            }
            CreatedUser u = client.createUser(currency);
            int shard = shardOf.applyAsInt(u.userId());
            if (owners[shard] == 0) {
                owners[shard] = u.userId();
                found++;
            }
        }
        return owners;
    }
}
