package io.atta.cli.bench;

import io.atta.client.AttaClient;

import java.io.PrintWriter;

/**
 * Reconciles the transfers benchmark: every account read back matches the bench's books (see
 * {@link AccountReadBack}), the balances sum to zero (conservation: the transfers only moved money
 * between these accounts) and the posted debits and credits each add up to the money the bench
 * moved.
 */
final class BalanceCheck {
    private BalanceCheck() {
    }

    /** Returns the number of accounts checked; throws {@link BenchFailure} on any disagreement. */
    static int verify(AttaClient client, AccountsByShard accounts, BenchBooks books, PrintWriter err)
            throws InterruptedException {
        AccountReadBack.Totals totals = AccountReadBack.readAll(client, "account", "", accounts, books, err);
        long moved = books.moved();
        if (totals.balances() != 0) {
            throw new BenchFailure("conservation broken: the bench accounts' balances sum to " + totals.balances());
        }
        if (totals.debitsPosted() != moved || totals.creditsPosted() != moved) {
            throw new BenchFailure("posted debits " + totals.debitsPosted() + " and credits " + totals.creditsPosted()
                    + " differ from the " + moved + " the bench moved");
        }
        err.printf("[bench] verified %,d accounts: balances as expected, sum zero, %,d minor units moved%n",
                totals.checked(), moved);
        return totals.checked();
    }
}
