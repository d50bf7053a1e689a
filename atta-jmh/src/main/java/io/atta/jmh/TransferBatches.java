package io.atta.jmh;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;

import java.util.SplittableRandom;

/** The workload the benchmarks share: one user's accounts on slot 0 and batches of random transfers between them. */
final class TransferBatches {
    static final int batchSize = 8190;
    static final int cny = Currency.CNY.ledger();
    static final long user = Ids.compose(0, Ids.firstUserLocalId);

    private TransferBatches() {
    }

    static long account(int i) {
        return Ids.compose(0, Ids.firstUserLocalId + 10 + i);
    }

    /** The user and {@code accounts} accounts without balance limits, as one batch. */
    static Command[] setup(int accounts) {
        Command[] out = new Command[accounts + 1];
        out[0] = new CreateUser(user, Ids.compose(0, Ids.firstUserLocalId + 1), cny, 1, 2, 3, 4);
        for (int i = 0; i < accounts; i++) {
            out[i + 1] = new CreateAccount(account(i), user, cny, 10, 0, 0);
        }
        return out;
    }

    /** A batch of transfers with ids {@code firstId, firstId + 1, …}. */
    static CreateTransfer[] batch(long firstId, int accounts, SplittableRandom random) {
        CreateTransfer[] out = new CreateTransfer[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int a = random.nextInt(accounts);
            int b = (a + 1 + random.nextInt(accounts - 1)) % accounts;
            out[i] = new CreateTransfer(firstId + i, account(a), account(b), 1 + random.nextInt(10_000), cny, 1, 0, 0,
                    0, 0, 0);
        }
        return out;
    }
}
