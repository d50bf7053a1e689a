package io.atta.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bench's own books, kept as the server acknowledges transfers: the balance each account
 * should have (by the account's index) and the money moved in all. The read-back at the end holds
 * the server to them. Client threads book concurrently.
 */
final class BenchBooks {
    private final AtomicLongArray balances;
    private final AtomicLong moved = new AtomicLong();

    /** Books for {@code accounts} accounts that each hold {@code initialBalance} minor units. */
    BenchBooks(int accounts, long initialBalance) {
        this.balances = new AtomicLongArray(accounts);
        for (int i = 0; i < accounts; i++) {
            balances.set(i, initialBalance);
        }
    }

    int size() {
        return balances.length();
    }

    /** The balance account {@code index} should have, in minor units. */
    long balance(int index) {
        return balances.get(index);
    }

    /** The money the acknowledged transfers moved, in minor units. */
    long moved() {
        return moved.get();
    }

    /** Books every transfer of a batch the server acknowledged. */
    void book(BatchSource.Batch batch) {
        long sum = 0;
        for (int k = 0; k < batch.transfers().size(); k++) {
            long amount = batch.transfers().get(k).amount();
            balances.addAndGet(batch.debits()[k], -amount);
            balances.addAndGet(batch.credits()[k], amount);
            sum += amount;
        }
        moved.addAndGet(sum);
    }
}
