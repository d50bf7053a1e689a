package io.atta.cli.bench;

import io.atta.client.Account;
import io.atta.client.AttaClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads every bench account back over HTTP after a run and holds each one to the bench's books:
 * its balance is what the books say and nothing is left pending. Returns the totals the server
 * reports, for the workload to reconcile against what it put in and moved.
 */
final class AccountReadBack {
    /** Account reads in flight at once. */
    static final int maxReadsInFlight = 256;
    /** Mismatches quoted in the failure message. */
    static final int maxQuotedMismatches = 5;

    /**
     * Sums over the accounts read, in minor units, and the indexes of the accounts that disagree
     * with the books, with a message for each.
     */
    record Totals(int checked, long balances, long debitsPosted, long creditsPosted, List<Integer> mismatched,
                  List<String> mismatches) {
    }

    private AccountReadBack() {
    }

    /**
     * Throws {@link BenchFailure} if a read fails or any account disagrees with {@code books}.
     * {@code noun} names one account in the messages ("account", "wallet"); {@code pendingWhy}
     * follows "has pending amounts" in them.
     */
    static Totals readAll(AttaClient client, String noun, String pendingWhy, AccountsByShard accounts,
                          BenchBooks books, PrintWriter err) throws InterruptedException {
        Totals totals = read(client, noun, pendingWhy, accounts, books, err);
        if (!totals.mismatches().isEmpty()) {
            throw new BenchFailure(totals.mismatches().size() + " " + noun + "s disagree with the bench's books, e.g. "
                    + totals.mismatches().subList(0, Math.min(maxQuotedMismatches, totals.mismatches().size())));
        }
        return totals;
    }

    /** As {@link #readAll}, but an account that disagrees is reported in the totals rather than thrown. */
    static Totals read(AttaClient client, String noun, String pendingWhy, AccountsByShard accounts,
                       BenchBooks books, PrintWriter err) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxReadsInFlight);
        AtomicLong balanceSum = new AtomicLong();
        AtomicLong debitsSum = new AtomicLong();
        AtomicLong creditsSum = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        List<String> mismatches = new ArrayList<>();
        List<Integer> mismatched = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Progress ignored = new Progress("verify", noun + "s", accounts.size(), checked, err)) {
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
                        String wrong = mismatch(noun, pendingWhy, a, books.balance(index));
                        if (wrong != null) {
                            synchronized (mismatches) {
                                mismatches.add(wrong);
                                mismatched.add(index);
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
            throw new BenchFailure("reading " + noun + "s back failed: " + failure.get(), failure.get());
        }
        return new Totals((int) checked.get(), balanceSum.get(), debitsSum.get(), creditsSum.get(),
                List.copyOf(mismatched), List.copyOf(mismatches));
    }

    private static String mismatch(String noun, String pendingWhy, Account a, long expectedBalance) {
        if (a.balance() != expectedBalance) {
            return noun + " " + a.id() + " balance " + a.balance() + " expected " + expectedBalance;
        }
        if (a.debitsPending() != 0 || a.creditsPending() != 0) {
            return noun + " " + a.id() + " has pending amounts" + pendingWhy;
        }
        return null;
    }
}
