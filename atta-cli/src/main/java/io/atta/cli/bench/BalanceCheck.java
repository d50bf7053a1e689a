package io.atta.cli.bench;

import io.atta.client.Account;
import io.atta.client.AttaClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads every bench account back over HTTP after the run and checks the server against the
 * bench's own books: each balance is what the bench expects, nothing is left pending, the
 * balances sum to zero (conservation: the transfers only moved money between these accounts)
 * and the posted debits add up to the money the bench moved.
 */
final class BalanceCheck {
    /** Account reads in flight at once. */
    static final int maxReadsInFlight = 256;
    /** Mismatches quoted in the failure message. */
    static final int maxQuotedMismatches = 5;

    private BalanceCheck() {
    }

    /** Returns the number of accounts checked; throws {@link BenchFailure} on any disagreement. */
    static int verify(AttaClient client, BenchAccounts accounts, AtomicLongArray expected, long amountMoved,
                      PrintWriter err) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxReadsInFlight);
        AtomicLong balanceSum = new AtomicLong();
        AtomicLong debitsSum = new AtomicLong();
        AtomicLong creditsSum = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        List<String> mismatches = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Progress ignored = new Progress("verify", "accounts", accounts.size(), checked, err)) {
            for (int i = 0; i < accounts.size() && failure.get() == null; i++) {
                inFlight.acquire();
                int index = i;
                client.getAccountAsync(accounts.id(i)).whenComplete((a, f) -> {
                    try {
                        if (f != null) {
                            failure.compareAndSet(null, f);
                            return;
                        }
                        balanceSum.addAndGet(a.balance());
                        debitsSum.addAndGet(a.debitsPosted());
                        creditsSum.addAndGet(a.creditsPosted());
                        String wrong = mismatch(a, expected.get(index));
                        if (wrong != null) {
                            synchronized (mismatches) {
                                mismatches.add(wrong);
                            }
                        }
                        checked.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(maxReadsInFlight);
        }
        if (failure.get() != null) {
            throw new BenchFailure("reading accounts back failed: " + failure.get(), failure.get());
        }
        if (!mismatches.isEmpty()) {
            throw new BenchFailure(mismatches.size() + " accounts disagree with the bench's books, e.g. "
                    + mismatches.subList(0, Math.min(maxQuotedMismatches, mismatches.size())));
        }
        if (balanceSum.get() != 0) {
            throw new BenchFailure("conservation broken: the bench accounts' balances sum to " + balanceSum.get());
        }
        if (debitsSum.get() != amountMoved || creditsSum.get() != amountMoved) {
            throw new BenchFailure("posted debits " + debitsSum.get() + " and credits " + creditsSum.get()
                    + " differ from the " + amountMoved + " the bench moved");
        }
        err.printf("[bench] verified %,d accounts: balances as expected, sum zero, %,d minor units moved%n",
                checked.get(), amountMoved);
        return (int) checked.get();
    }

    private static String mismatch(Account a, long expectedBalance) {
        if (a.balance() != expectedBalance) {
            return "account " + a.id() + " balance " + a.balance() + " expected " + expectedBalance;
        }
        if (a.debitsPending() != 0 || a.creditsPending() != 0) {
            return "account " + a.id() + " has pending amounts";
        }
        return null;
    }
}
