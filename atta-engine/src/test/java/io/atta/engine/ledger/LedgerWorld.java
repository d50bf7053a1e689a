package io.atta.engine.ledger;

import static io.atta.engine.ledger.TransferBuilder.pending;
import static io.atta.engine.ledger.TransferBuilder.post;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static io.atta.engine.ledger.TransferBuilder.voidPending;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small shard with known users, accounts and transfers in every state, built through the
 * ledger's own commands (but for one account closed with money in it, see
 * {@link #closedBeforeCloseRules}): the common starting point of the result table. The shard serves
 * every slot except {@link #foreignSlot}. Balances after {@link #build()}:
 *
 * <pre>
 *   account      debitsPending debitsPosted creditsPending creditsPosted
 *   aliceWallet          1,500          100              0        10,000   (available 8,400)
 *   bobWallet                0            0          1,700           100
 *   aliceClosed            200            0              0         1,000   (closed)
 *   bobCapped                0          300              0             0   (credits &lt;= debits)
 *   aliceUsd                 0            0              0         5,000
 *   bank (CNY)               0       11,000              0           300
 *   bankUsd                  0        5,000              0             0
 * </pre>
 */
final class LedgerWorld {
    static final int shardId = 3;
    static final int homeSlot = 5;
    static final int otherSlot = 6;
    static final int foreignSlot = 9;
    static final long t0 = 1_700_000_000_000_000_000L;
    static final long batchSpacingNs = 1_000_000L;
    static final int cny = Currency.CNY.ledger();
    static final int usd = Currency.USD.ledger();

    private static final long first = Ids.firstUserLocalId;
    static final long alice = Ids.compose(homeSlot, first + 1);
    static final long aliceWallet = Ids.compose(homeSlot, first + 2);
    static final long aliceUsd = Ids.compose(homeSlot, first + 3);
    static final long alicePlain = Ids.compose(homeSlot, first + 4);
    static final long aliceClosed = Ids.compose(homeSlot, first + 5);
    static final long bob = Ids.compose(otherSlot, first + 1);
    static final long bobWallet = Ids.compose(otherSlot, first + 2);
    static final long bobCapped = Ids.compose(otherSlot, first + 3);
    static final long foreignUser = Ids.compose(foreignSlot, first + 1);
    static final long foreignAccount = Ids.compose(foreignSlot, first + 2);
    static final long bank = HouseAccount.bankFunding.id(homeSlot, Currency.CNY);
    static final long bankUsd = HouseAccount.bankFunding.id(homeSlot, Currency.USD);
    /** The other side of this shard's pieces of cross-shard transfers (CNY). */
    static final long inTransit = HouseAccount.inTransit.id(homeSlot, Currency.CNY);
    /** The shard that serves {@link #foreignSlot}, as a transaction's other participant. */
    static final int foreignShard = 4;

    // Transfers made by build().
    static final long topUp = 1001;
    static final long usdTopUp = 1002;
    static final long closedFunding = 1003;
    static final long pendingOnClosed = 1004;
    static final long cappedSend = 1005;
    static final long pendingOpen = 1006;
    static final long pendingTimed = 1007;
    static final long pendingPosted = 1008;
    static final long pendingVoided = 1009;
    static final long postDone = 1010;
    static final long voidDone = 1011;
    static final int pendingTimedTimeoutSeconds = 60;

    final InMemoryTransferStore store = new InMemoryTransferStore();
    final ShardLedger ledger = new ShardLedger(shardId, homeSlot, slot -> slot != foreignSlot, store);
    long now = t0;

    private LedgerWorld() {
    }

    static LedgerWorld build() {
        LedgerWorld w = new LedgerWorld();
        w.applyAllOk(new CreateUser(alice, aliceWallet, cny, 1, 2, 3, 4), new CreateUser(bob, bobWallet, cny, 5, 6, 7, 8));
        w.applyAllOk(new CreateAccount(aliceUsd, alice, usd, 10, 0, 0),
                new CreateAccount(alicePlain, alice, cny, 10, 0, 0),
                new CreateAccount(aliceClosed, alice, cny, 10, 0, 0),
                new CreateAccount(bobCapped, bob, cny, 10, AccountFlags.creditsMustNotExceedDebits, 77));
        w.applyAllOk(transfer(topUp, bank, aliceWallet, 10_000).build(),
                transfer(usdTopUp, bankUsd, aliceUsd, 5_000).ledger(usd).build(),
                transfer(closedFunding, bank, aliceClosed, 1_000).build(),
                pending(pendingOnClosed, aliceClosed, bobWallet, 200, 0).build(),
                transfer(cappedSend, bobCapped, bank, 300).build(),
                pending(pendingOpen, aliceWallet, bobWallet, 1_000, 0).code(7).build(),
                pending(pendingTimed, aliceWallet, bobWallet, 500, pendingTimedTimeoutSeconds).build(),
                pending(pendingPosted, aliceWallet, bobWallet, 100, 0).build(),
                pending(pendingVoided, aliceWallet, bobWallet, 100, 0).build());
        w.applyAllOk(post(postDone, pendingPosted, 0).build(), voidPending(voidDone, pendingVoided).build());
        w.closedBeforeCloseRules(aliceClosed);
        return w;
    }

    /**
     * Closes an account that holds money, as the ledger did before closing required an empty
     * account: a log or snapshot of that time holds such accounts, and the rules for them (no new
     * transfer, a pending one voided but not posted) still apply. No command can do it now.
     */
    void closedBeforeCloseRules(long accountId) {
        ledger.module(LedgerModule.class).accounts.get(accountId).flags |= AccountFlags.closed;
    }

    /**
     * A cross-shard transaction this shard coordinates, as the driver would begin it: the id is the
     * first leg's, and the shard of {@link #foreignSlot} is the other participant.
     */
    static BeginTransaction begin(TransferBuilder... legs) {
        CreateTransfer[] built = new CreateTransfer[legs.length];
        for (int i = 0; i < legs.length; i++) {
            built[i] = legs[i].build();
        }
        return new BeginTransaction(built[0].id(), 1L << foreignShard, built);
    }

    /** Applies one batch at the current time, then moves the clock on by {@link #batchSpacingNs}. */
    Result[] apply(Command... commands) {
        Result[] results = ledger.apply(now, commands);
        now += batchSpacingNs;
        return results;
    }

    void applyAllOk(Command... commands) {
        assertThat(apply(commands)).as("setup batch").containsOnly(Result.ok);
    }

    void advanceSeconds(long seconds) {
        now += seconds * 1_000_000_000L;
    }

    /** Every account's state by id, ordered for readable failure messages. */
    Map<Long, AccountState> accountsById() {
        Map<Long, AccountState> out = new TreeMap<>();
        for (AccountState a : ledger.accounts()) {
            out.put(a.id(), a);
        }
        return out;
    }

    AccountState account(long id) {
        return ledger.account(id);
    }

    /** Double entry: per ledger, debits equal credits, posted and pending alike. */
    void assertBalanced() {
        ledger.totalsByLedger().forEach((ledgerId, t) -> {
            assertThat(t[0]).as("ledger %d debits posted vs credits posted", ledgerId).isEqualTo(t[1]);
            assertThat(t[2]).as("ledger %d debits pending vs credits pending", ledgerId).isEqualTo(t[3]);
        });
    }
}
