package io.atta.it;

import io.atta.client.AttaClient;
import io.atta.client.CreatedUser;
import io.atta.cluster.Routing;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.it.P2pLoader.Wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the P2P-loaded crash tests share: funded wallets on every shard, and waiting for the load to progress. */
final class P2pSetup {
    private P2pSetup() {
    }

    /** {@code usersPerShard} users on each of {@code shards} shards, each wallet topped up with {@code fundingMinor}. */
    static List<Wallet> fundedWallets(AttaClient client, Routing routing, int shards, int usersPerShard,
                                      long fundingMinor) {
        List<Wallet> wallets = new ArrayList<>();
        int[] perShard = new int[shards];
        for (int i = 0; i < 1000 && wallets.size() < shards * usersPerShard; i++) {
            CreatedUser u = client.createUser(Currency.CNY);
            int s = routing.shardOf(u.walletAccountId());
            if (perShard[s] < usersPerShard) {
                perShard[s]++;
                wallets.add(new Wallet(u.userId(), u.walletAccountId(), s));
                assertThat(client.topup(u.userId(), fundingMinor, Currency.CNY, "fund").result()).isEqualTo(Result.ok);
            }
        }
        assertThat(wallets).as("%d users on each shard", usersPerShard).hasSize(shards * usersPerShard);
        return wallets;
    }

    /** Waits (at most {@code boundMs}) until the loaders have {@code payments} more acknowledged; fails otherwise. */
    static void awaitProgress(P2pLoader.Sinks sinks, long payments, String when, long seed, long boundMs)
            throws InterruptedException {
        long target = sinks.acknowledgedCount().get() + payments;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        synchronized (sinks) {
            while (sinks.acknowledgedCount().get() < target && sinks.failures().isEmpty()
                    && System.nanoTime() < deadline) {
                sinks.wait(100);
            }
        }
        assertThat(sinks.failures()).as("loader failures %s (seed %d)", when, seed).isEmpty();
        assertThat(sinks.acknowledgedCount().get()).as("load made progress %s (seed %d)", when, seed)
                .isGreaterThanOrEqualTo(target);
    }
}
