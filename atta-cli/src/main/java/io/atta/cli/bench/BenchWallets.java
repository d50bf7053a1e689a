package io.atta.cli.bench;

import io.atta.client.AttaClient;
import io.atta.client.CreatedUser;
import io.atta.client.MoneyMovement;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Result;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongToIntFunction;

/**
 * The wallets the P2P benchmark pays between: {@code count} users spread evenly over the shards
 * (users land on random slots, so users are drawn until every shard has its share; the extra
 * ones are left unused), each wallet topped up with the same amount. Wallet {@code i} (from 0)
 * of {@code accounts} is the wallet of user {@code i}; {@code initialBalance} is what each wallet
 * held before the first payment, in minor units.
 */
record BenchWallets(AccountsByShard accounts, long initialBalance) {
    static final Currency currency = Currency.CNY;
    /** Users or top-ups in flight at once while setting up. */
    static final int maxSetupInFlight = 256;
    /** Users drawn per wallet needed before giving up (a shard that never gets its share). */
    static final int maxUsersPerWallet = 8;

    static BenchWallets create(AttaClient client, LongToIntFunction shardOf, int shards, int count,
                               long initialBalance, PrintWriter err) {
        int[] quota = new int[shards];
        for (int i = 0; i < count; i++) {
            quota[i % shards]++;
        }
        int[][] byShard = new int[shards][];
        for (int s = 0; s < shards; s++) {
            byShard[s] = new int[quota[s]];
        }
        int[] filled = new int[shards];
        long[] users = new long[count];
        long[] wallets = new long[count];
        int found = 0;
        long drawn = 0;
        while (found < count) {
            if (drawn > (long) maxUsersPerWallet * count) {
                throw new BenchFailure("after " + drawn + " users some shard still lacks its " + quota[0]
                        + " wallets (maxUsersPerWallet)");
            }
            List<CompletableFuture<CreatedUser>> wave = new ArrayList<>();
            for (int k = 0; k < Math.min(count - found, maxSetupInFlight); k++) {
                wave.add(client.createUserAsync(currency));
            }
            drawn += wave.size();
            for (CompletableFuture<CreatedUser> f : wave) {
                CreatedUser u = join(f, "creating a user");
                int shard = shardOf.applyAsInt(u.userId());
                if (filled[shard] < quota[shard]) {
                    users[found] = u.userId();
                    wallets[found] = u.walletAccountId();
                    byShard[shard][filled[shard]++] = found;
                    found++;
                }
            }
        }
        fund(client, users, initialBalance);
        err.printf("[bench] created %,d wallets (%,d users drawn) over %d shards, each funded with %s %s%n",
                count, drawn, shards, Amounts.format(initialBalance, currency), currency);
        return new BenchWallets(new AccountsByShard(wallets, byShard), initialBalance);
    }

    private static void fund(AttaClient client, long[] users, long amount) {
        for (int from = 0; from < users.length; from += maxSetupInFlight) {
            List<CompletableFuture<MoneyMovement>> wave = new ArrayList<>();
            for (int i = from; i < Math.min(users.length, from + maxSetupInFlight); i++) {
                wave.add(client.topupAsync(users[i], amount, currency, "bench-fund"));
            }
            for (CompletableFuture<MoneyMovement> f : wave) {
                MoneyMovement m = join(f, "funding a wallet");
                if (m.result() != Result.ok && m.result() != Result.exists) {
                    throw new BenchFailure("funding a wallet answered " + m.result());
                }
            }
        }
    }

    private static <T> T join(CompletableFuture<T> f, String what) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw new BenchFailure(what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
