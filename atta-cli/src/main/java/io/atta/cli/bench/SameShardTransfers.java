package io.atta.cli.bench;

import io.atta.client.NewTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transfers workload: each batch moves money between random pairs of accounts of one random
 * shard (cross-shard transfers were refused when this workload was written), random amounts up
 * to {@link TransferLoad#maxAmount}.
 */
final class SameShardTransfers implements BatchSource {
    private final AccountsByShard accounts;

    SameShardTransfers(AccountsByShard accounts) {
        this.accounts = accounts;
    }

    @Override
    public Batch next(long firstId, int n, SplittableRandom random) {
        // One shard per batch, as a client that groups its work by shard would send it: the
        // server then writes the whole batch as one log entry, with one fsync.
        int[] shard = accounts.onShard(random.nextInt(accounts.shards()));
        List<NewTransfer> items = new ArrayList<>(n);
        int[] debits = new int[n];
        int[] credits = new int[n];
        for (int k = 0; k < n; k++) {
            int debit = random.nextInt(shard.length);
            int credit = random.nextInt(shard.length - 1);
            if (credit >= debit) {
                credit++;
            }
            debits[k] = shard[debit];
            credits[k] = shard[credit];
            long amount = 1 + random.nextLong(TransferLoad.maxAmount);
            long debitId = accounts.id(debits[k]);
            items.add(NewTransfer.of(NewTransfer.idFor(debitId, firstId + k), debitId, accounts.id(credits[k]), amount,
                    BenchAccounts.currency));
        }
        return new Batch(items, debits, credits);
    }
}
