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
 * Reconciles the P2P benchmark: reads every wallet back over HTTP and checks that its balance is
 * its top-up plus what the acknowledged payments brought in minus what they took out, that
 * nothing is left pending (no cross-shard transaction in flight), that the wallets together
 * still hold exactly what was put in (payments only move money between them), and that their
 * posted debits add up to the money the bench moved.
 */
final class WalletCheck {
    /** Mismatches quoted in the failure message. */
    static final int maxQuotedMismatches = 5;

    private WalletCheck() {
    }

    /** Returns the number of wallets checked; throws {@link BenchFailure} on any disagreement. */
    static int verify(AttaClient client, BenchWallets wallets, AtomicLongArray expected, long amountMoved,
                      PrintWriter err) throws InterruptedException {
        Semaphore inFlight = new Semaphore(BalanceCheck.maxReadsInFlight);
        AtomicLong balanceSum = new AtomicLong();
        AtomicLong debitsSum = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        List<String> mismatches = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Progress ignored = new Progress("verify", "wallets", wallets.size(), checked, err)) {
            for (int i = 0; i < wallets.size() && failure.get() == null; i++) {
                inFlight.acquire();
                int index = i;
                client.getAccountAsync(wallets.wallet(i)).whenComplete((a, f) -> {
                    try {
                        if (f != null) {
                            failure.compareAndSet(null, f);
                            return;
                        }
                        balanceSum.addAndGet(a.balance());
                        debitsSum.addAndGet(a.debitsPosted());
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
            inFlight.acquire(BalanceCheck.maxReadsInFlight);
        }
        if (failure.get() != null) {
            throw new BenchFailure("reading wallets back failed: " + failure.get(), failure.get());
        }
        if (!mismatches.isEmpty()) {
            throw new BenchFailure(mismatches.size() + " wallets disagree with the bench's books, e.g. "
                    + mismatches.subList(0, Math.min(maxQuotedMismatches, mismatches.size())));
        }
        long fundedTotal = Math.multiplyExact(wallets.initialBalance(), (long) wallets.size());
        if (balanceSum.get() != fundedTotal) {
            throw new BenchFailure("conservation broken: the wallets hold " + balanceSum.get() + " but were funded with "
                    + fundedTotal);
        }
        if (debitsSum.get() != amountMoved) {
            throw new BenchFailure("the wallets' posted debits " + debitsSum.get() + " differ from the "
                    + amountMoved + " the bench moved");
        }
        err.printf("[bench] reconciled %,d wallets: each at top-up + in - out, %,d minor units in total as funded,"
                + " %,d moved%n", checked.get(), fundedTotal, amountMoved);
        return (int) checked.get();
    }

    private static String mismatch(Account a, long expectedBalance) {
        if (a.balance() != expectedBalance) {
            return "wallet " + a.id() + " balance " + a.balance() + " expected " + expectedBalance;
        }
        if (a.debitsPending() != 0 || a.creditsPending() != 0) {
            return "wallet " + a.id() + " has pending amounts (a transaction in flight)";
        }
        return null;
    }
}
