package io.atta.cli.bench;

import io.atta.client.NewTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The p2p workload: wallet-to-wallet payments through {@code POST /v1/transfers}. A batch's payers
 * are wallets of one random shard; each payee is, with probability {@code crossShardPct}%, a
 * wallet of another shard (a cross-shard transaction), else another wallet of the payer's shard.
 * The wallets hold enough for any sequence of payments, so every result must be {@code ok}.
 */
final class P2pPayments implements BatchSource {
    private final AccountsByShard wallets;
    private final int crossShardPct;
    private final AtomicLong crossShard = new AtomicLong();

    P2pPayments(AccountsByShard wallets, int crossShardPct) {
        this.wallets = wallets;
        this.crossShardPct = crossShardPct;
    }

    /**
     * Payments made so far whose payee is on another shard than the payer. Counted as batches are
     * built: a run reports it only when every payment was acknowledged, so the count is the same
     * as counting acknowledged payments.
     */
    long crossShardTransfers() {
        return crossShard.get();
    }

    @Override
    public Batch next(long firstId, int n, SplittableRandom random) {
        int payerShard = random.nextInt(wallets.shards());
        int[] here = wallets.onShard(payerShard);
        List<NewTransfer> items = new ArrayList<>(n);
        int[] payers = new int[n];
        int[] payees = new int[n];
        long across = 0;
        for (int k = 0; k < n; k++) {
            int payerAt = random.nextInt(here.length);
            if (random.nextInt(100) < crossShardPct) {
                int shard = random.nextInt(wallets.shards() - 1);
                int[] there = wallets.onShard(shard >= payerShard ? shard + 1 : shard);
                payees[k] = there[random.nextInt(there.length)];
            } else {
                int at = random.nextInt(here.length - 1);
                payees[k] = here[at >= payerAt ? at + 1 : at];
            }
            payers[k] = here[payerAt];
            if (wallets.shardOf(payers[k]) != wallets.shardOf(payees[k])) {
                across++;
            }
            long amount = 1 + random.nextLong(TransferLoad.maxAmount);
            long payer = wallets.id(payers[k]);
            items.add(NewTransfer.of(NewTransfer.idFor(payer, firstId + k), payer, wallets.id(payees[k]), amount,
                    BenchWallets.currency));
        }
        crossShard.addAndGet(across);
        return new Batch(items, payers, payees);
    }
}
