package io.atta.cli.bench;

import io.atta.client.NewTransfer;

import java.util.List;
import java.util.SplittableRandom;

/** What a workload sends: the transfers of each request {@link TransferLoad} makes. */
interface BatchSource {
    /**
     * One request's transfers, with the index of each transfer's debit and credit account in the
     * bench's books ({@code debits[k]} and {@code credits[k]} for transfer {@code k}).
     */
    record Batch(List<NewTransfer> transfers, int[] debits, int[] credits) {
    }

    /**
     * Builds {@code n} transfers with ids {@code firstId}, {@code firstId + 1}, …; called from
     * every client thread at once, each with its own {@code random}.
     */
    Batch next(long firstId, int n, SplittableRandom random);
}
