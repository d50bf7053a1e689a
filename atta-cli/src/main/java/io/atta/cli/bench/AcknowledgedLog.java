package io.atta.cli.bench;

import io.atta.client.AttaApiException;
import io.atta.client.AttaClient;
import io.atta.client.NewTransfer;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every transfer the server acknowledged during a failover run, by id and accounts, so that when
 * balances disagree with the books the bench can say how many acknowledged transfers the
 * cluster lost: it asks for each acknowledged transfer that touches an account in disagreement.
 * Keeps only the ids and account indexes of each batch (a few bytes per transfer).
 */
final class AcknowledgedLog implements TransferLoad.Acknowledgements {
    /** Transfer reads in flight at once while counting. */
    static final int maxReadsInFlight = 256;
    static final int notFound = 404;

    /** Transfers {@code ids[k]}, debiting account index {@code debits[k]} and crediting {@code credits[k]}. */
    private record Entry(long[] ids, int[] debits, int[] credits) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final AtomicLong transfers = new AtomicLong();

    @Override
    public void acknowledged(BatchSource.Batch batch, long firstId) {
        synchronized (entries) {
            // The ids as sent: each is in its debit account's slot, not simply firstId + k.
            long[] ids = batch.transfers().stream().mapToLong(NewTransfer::id).toArray();
            entries.add(new Entry(ids, batch.debits(), batch.credits()));
        }
        transfers.addAndGet(batch.debits().length);
    }

    /** Transfers acknowledged so far. */
    long transfers() {
        return transfers.get();
    }

    /**
     * How many acknowledged transfers that debit or credit an account of {@code accountIndexes}
     * the server does not know ({@code 404} on {@code GET /v1/transfers/{id}}).
     */
    long countMissing(AttaClient client, Set<Integer> accountIndexes, PrintWriter err) throws InterruptedException {
        List<Long> suspects = new ArrayList<>();
        synchronized (entries) {
            for (Entry e : entries) {
                for (int k = 0; k < e.debits().length; k++) {
                    if (accountIndexes.contains(e.debits()[k]) || accountIndexes.contains(e.credits()[k])) {
                        suspects.add(e.ids()[k]);
                    }
                }
            }
        }
        err.printf("[bench] looking up %,d acknowledged transfers of the %d accounts in disagreement%n",
                suspects.size(), accountIndexes.size());
        err.flush();
        Semaphore inFlight = new Semaphore(maxReadsInFlight);
        AtomicLong missing = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (long id : suspects) {
            if (failure.get() != null) {
                break;
            }
            inFlight.acquire();
            client.getTransferAsync(id).whenComplete((t, f) -> {
                try {
                    Throwable cause = f instanceof java.util.concurrent.CompletionException ? f.getCause() : f;
                    if (cause instanceof AttaApiException api && api.status() == notFound) {
                        missing.incrementAndGet();
                    } else if (cause != null) {
                        failure.compareAndSet(null, cause);
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(maxReadsInFlight);
        if (failure.get() != null) {
            throw new BenchFailure("looking up acknowledged transfers failed: " + failure.get(), failure.get());
        }
        return missing.get();
    }
}
