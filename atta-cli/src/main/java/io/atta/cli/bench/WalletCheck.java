package io.atta.cli.bench;

import io.atta.client.AttaClient;

import java.io.PrintWriter;

/**
 * Reconciles the P2P benchmark: every wallet read back is at its top-up plus what the
 * acknowledged payments brought in minus what they took out, with nothing left pending (no
 * cross-shard transaction in flight; see {@link AccountReadBack}); the wallets together still
 * hold exactly what was put in (payments only move money between them); and their posted debits
 * add up to the money the bench moved. Posted credits are not compared: they include the top-ups.
 */
final class WalletCheck {
    private WalletCheck() {
    }

    /** Returns the number of wallets checked; throws {@link BenchFailure} on any disagreement. */
    static int verify(AttaClient client, BenchWallets wallets, BenchBooks books, PrintWriter err)
            throws InterruptedException {
        AccountReadBack.Totals totals = AccountReadBack.readAll(client, "wallet", " (a transaction in flight)",
                wallets.accounts(), books, err);
        long moved = books.moved();
        long fundedTotal = Math.multiplyExact(wallets.initialBalance(), (long) wallets.accounts().size());
        if (totals.balances() != fundedTotal) {
            throw new BenchFailure("conservation broken: the wallets hold " + totals.balances()
                    + " but were funded with " + fundedTotal);
        }
        if (totals.debitsPosted() != moved) {
            throw new BenchFailure("the wallets' posted debits " + totals.debitsPosted() + " differ from the "
                    + moved + " the bench moved");
        }
        err.printf("[bench] reconciled %,d wallets: each at top-up + in - out, %,d minor units in total as funded,"
                + " %,d moved%n", totals.checked(), fundedTotal, moved);
        return totals.checked();
    }
}
