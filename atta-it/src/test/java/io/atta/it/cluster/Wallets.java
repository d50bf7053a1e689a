package io.atta.it.cluster;

import io.atta.client.AttaClient;
import io.atta.client.ClientOptions;
import io.atta.client.CreatedUser;
import io.atta.client.RetryPolicy;
import io.atta.cluster.Routing;
import io.atta.core.Currency;
import io.atta.core.command.Result;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Users with a CNY wallet on every shard, each topped up: what the cluster tests move money between. */
final class Wallets {
    /** A user's wallet and the shard it lives on. */
    record Wallet(long userId, long accountId, int shard) {
    }

    /** How many users are created at most while looking for enough on every shard. */
    static final int maxUsersCreated = 1000;

    private Wallets() {
    }

    /** {@code perShard} users on each shard of {@code routing}, each wallet topped up with {@code fundingMinor}. */
    static List<Wallet> funded(AttaClient client, Routing routing, int perShard, long fundingMinor) {
        List<Wallet> wallets = new ArrayList<>();
        int[] onShard = new int[routing.shards()];
        for (int i = 0; i < maxUsersCreated && wallets.size() < routing.shards() * perShard; i++) {
            CreatedUser u = client.createUser(Currency.CNY);
            int s = routing.shardOf(u.walletAccountId());
            if (onShard[s] < perShard) {
                onShard[s]++;
                wallets.add(new Wallet(u.userId(), u.walletAccountId(), s));
                assertThat(client.topup(u.userId(), fundingMinor, Currency.CNY, "fund-" + u.userId()).result())
                        .as("top-up of user %d", u.userId()).isEqualTo(Result.ok);
            }
        }
        assertThat(wallets).as("%d users on each of %d shards", perShard, routing.shards())
                .hasSize(routing.shards() * perShard);
        return List.copyOf(wallets);
    }

    /** As above, created through the node at {@code node} with {@code adminKey}. */
    static List<Wallet> funded(URI node, String adminKey, Routing routing, int perShard, long fundingMinor) {
        try (AttaClient client = AttaClient.create(ClientOptions.of(node, adminKey)
                .withRetry(RetryPolicy.defaults()))) {
            return funded(client, routing, perShard, fundingMinor);
        }
    }

    /** The wallets on {@code shard}. */
    static List<Wallet> on(List<Wallet> wallets, int shard) {
        return wallets.stream().filter(w -> w.shard() == shard).toList();
    }
}
