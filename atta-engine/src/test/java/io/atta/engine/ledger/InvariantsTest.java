package io.atta.engine.ledger;

import static io.atta.engine.ledger.LedgerWorld.aliceWallet;
import static io.atta.engine.ledger.LedgerWorld.bank;
import static io.atta.engine.ledger.LedgerWorld.bobWallet;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The engine's invariant checks stop a batch that leaves the ledger wrong. The ledger's rules
 * never do that, so these tests break the state behind its back, as a bug would, and watch the
 * next batch that touches it fail.
 */
class InvariantsTest {

    @Test
    void assertionsAreOnInTests() {
        boolean on = false;
        assert on = true;
        assertThat(on).as("tests run with -ea, so every batch checks the invariants").isTrue();
    }

    @Test
    void aBatchThatLeavesMoneyUnbalancedStopsTheProcess() {
        LedgerWorld w = LedgerWorld.build();
        w.ledger.module(LedgerModule.class).accounts.get(bobWallet).creditsPosted += 5;

        assertThatThrownBy(() -> w.apply(transfer(2001, aliceWallet, bobWallet, 1).build()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("invariant broken: ledger 156: debits posted")
                .hasMessageContaining("!= credits posted");
    }

    @Test
    void aBalanceLimitOverrunIsCaughtOnTheAccountsABatchTouches() {
        LedgerWorld w = LedgerWorld.build();
        Account alice = w.ledger.module(LedgerModule.class).accounts.get(aliceWallet);
        // Money moved out of a limited wallet past its credits, with a matching credit so that
        // the books still balance: only the limit is broken.
        long extra = alice.creditsPosted;
        alice.debitsPosted += extra;
        w.ledger.module(LedgerModule.class).accounts.get(bank).creditsPosted += extra;

        assertThatThrownBy(() -> w.apply(transfer(2002, bobWallet, aliceWallet, 1).build()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("debits_must_not_exceed_credits");
    }

    @Test
    void aSoundLedgerPassesAndARestoredOneIsCountedAfresh() throws IOException {
        LedgerWorld w = LedgerWorld.build();
        assertThat(w.apply(transfer(2003, aliceWallet, bobWallet, 10).build())).containsExactly(Result.ok);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(w.ledger, new DataOutputStream(bytes));
        // The totals counted before the restore are stale: restoring must recount, not add.
        LedgerSnapshot.read(w.ledger, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(w.apply(transfer(2004, aliceWallet, bobWallet, 10).build())).containsExactly(Result.ok);
    }
}
