package io.atta.cli.bench;

/**
 * Bench accounts by index (from 0), and which of them are on each shard: how both the transfers
 * workload's accounts and the p2p workload's wallets are laid out, so that a workload can pick
 * the accounts of one shard, or of two different shards, by index.
 */
final class AccountsByShard {
    private final long[] ids;
    private final int[][] byShard;
    private final int[] shardOf;

    /** {@code byShard[s]} lists the indexes into {@code ids} of the accounts on shard {@code s}. */
    AccountsByShard(long[] ids, int[][] byShard) {
        this.ids = ids;
        this.byShard = byShard;
        this.shardOf = new int[ids.length];
        for (int s = 0; s < byShard.length; s++) {
            for (int i : byShard[s]) {
                shardOf[i] = s;
            }
        }
    }

    int size() {
        return ids.length;
    }

    int shards() {
        return byShard.length;
    }

    /** The account id of index {@code index}. */
    long id(int index) {
        return ids[index];
    }

    /** Indexes of the accounts on {@code shard}. */
    int[] onShard(int shard) {
        return byShard[shard];
    }

    /** The shard of the account at {@code index}. */
    int shardOf(int index) {
        return shardOf[index];
    }
}
