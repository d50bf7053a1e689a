package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.client.Account;
import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.cluster.Routing;
import io.atta.core.Currency;
import io.atta.engine.ledger.HouseAccount;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks a crash test makes once a server has recovered, read through the API as any admin
 * client could (docs/ARCHITECTURE.md §1.2 and §5.5): no transaction unfinished, no shard's in-transit
 * account holding a pending piece, the in-transit positions cancelling across shards, and in
 * every currency the balances of all accounts (the test's own and every house account) summing
 * to zero. The server's own invariants report must agree; the sums are also made here, from
 * account reads, so that the report is not the only witness.
 */
final class LedgerAudit {
    /** How long recovery may take to drive every unfinished transaction to its end. */
    static final long quietBoundMs = 30_000;
    private static final long pollIntervalMs = 50;

    private final AttaClient client;
    private final ApiReads reads;
    private final Routing routing;

    /** {@code routing} is the server's own table (read from its data directory). */
    LedgerAudit(AttaClient client, ApiReads reads, Routing routing) {
        this.client = client;
        this.reads = reads;
        this.routing = routing;
    }

    /**
     * Waits, with a bound, until no transaction is unfinished and no shard holds a piece of one
     * pending: recovery has then driven every transaction that was in flight to its end.
     */
    void awaitQuiet(String context) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(quietBoundMs);
        String held = "";
        while (System.nanoTime() < deadline) {
            try {
                held = unsettled();
                if (held.isEmpty()) {
                    return;
                }
            } catch (AttaClientException e) {
                held = "unreadable: " + e.getMessage();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
        throw new AssertionError(context + ": transactions still in transit after " + quietBoundMs + " ms: " + held);
    }

    /** The unfinished transactions and the in-transit accounts with pending amounts, described; empty when none. */
    private String unsettled() {
        JsonNode unfinished = reads.invariants().path("unfinished");
        return (unfinished.isEmpty() ? "" : "unfinished: " + unfinished + "; ") + pendingInTransit();
    }

    /** The in-transit accounts with pending amounts, described; empty when there are none. */
    private String pendingInTransit() {
        StringBuilder held = new StringBuilder();
        for (Currency c : Currency.values()) {
            for (int s = 0; s < routing.shards(); s++) {
                Account a = client.getAccount(HouseAccount.inTransit.id(routing.homeSlot(s), c));
                if (a.debitsPending() != 0 || a.creditsPending() != 0) {
                    held.append(String.format("shard %d %s debits_pending %d credits_pending %d; ", s, c,
                            a.debitsPending(), a.creditsPending()));
                }
            }
        }
        return held.toString();
    }

    /**
     * Asserts the invariants over {@code userAccounts} (every account the test created) and the
     * house accounts: nothing pending in transit, in-transit positions cancelling, and every
     * currency's posted and pending amounts balanced.
     */
    void assertBalanced(Collection<Long> userAccounts, String context) {
        assertThat(unsettled()).as("%s: nothing unfinished or pending in transit", context).isEmpty();
        JsonNode report = reads.invariants();
        assertThat(report.path("ok").asBoolean() && report.path("violations").isEmpty())
                .as("%s: the server's invariants report: %s", context, report).isTrue();
        List<Account> all = new ArrayList<>();
        for (long id : userAccounts) {
            all.add(client.getAccount(id));
        }
        for (long id : houseAccounts()) {
            all.add(client.getAccount(id));
        }
        for (Currency c : Currency.values()) {
            long position = 0;
            for (int s = 0; s < routing.shards(); s++) {
                position += client.getAccount(HouseAccount.inTransit.id(routing.homeSlot(s), c)).balance();
            }
            assertThat(position).as("%s: %s in-transit positions across shards sum to zero", context, c).isZero();
            long balance = 0;
            long debitsPending = 0;
            long creditsPending = 0;
            for (Account a : all) {
                if (a.currency() == c) {
                    balance = Math.addExact(balance, a.balance());
                    debitsPending = Math.addExact(debitsPending, a.debitsPending());
                    creditsPending = Math.addExact(creditsPending, a.creditsPending());
                }
            }
            assertThat(balance).as("%s: %s balances of all accounts sum to zero", context, c).isZero();
            assertThat(debitsPending).as("%s: %s pending debits equal pending credits", context, c)
                    .isEqualTo(creditsPending);
        }
    }

    /** Every kind of house account on every shard in every currency, and the global ones. */
    List<Long> houseAccounts() {
        List<Long> ids = new ArrayList<>();
        for (Currency c : Currency.values()) {
            for (HouseAccount h : HouseAccount.values()) {
                for (int s = 0; s < routing.shards(); s++) {
                    ids.add(h.id(routing.homeSlot(s), c));
                }
                if (h.swept()) {
                    ids.add(h.globalId(c));
                }
            }
        }
        return ids;
    }
}
