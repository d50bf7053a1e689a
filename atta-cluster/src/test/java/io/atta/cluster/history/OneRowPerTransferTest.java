package io.atta.cluster.history;

import io.atta.cluster.TransferRow;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's own events, stored by {@link RocksHistory}, give one row per transfer: a pending
 * transfer with its post or void, a transaction's piece with its decision, and a timed-out
 * transfer with its expiry are each one row in its final state, and pages cross them without
 * losing or repeating a row.
 */
class OneRowPerTransferTest {
    private static final int cny = Currency.CNY.ledger();
    private static final long second = 1_000_000_000L;
    private static final int slot = 7;
    private static final long user = Ids.compose(slot, Ids.firstUserLocalId);
    private static final long wallet = Ids.compose(slot, Ids.firstUserLocalId + 1);
    private static final long bank = Ids.compose(slot, Ids.firstUserLocalId + 2);
    private static final long shop = Ids.compose(slot, Ids.firstUserLocalId + 3);

    @TempDir
    Path dir;

    private long now = 1_000 * second;
    private long index;

    private Result[] apply(ShardLedger l, RocksHistory h, Command... commands) {
        h.setApplyingIndex(++index);
        now += second;
        return l.apply(now, commands);
    }

    private static CreateTransfer transfer(long id, long debit, long credit, long amount, int flags, long pendingId,
                                           int timeoutSeconds) {
        return new CreateTransfer(id, debit, credit, amount, cny, 1, flags, pendingId, timeoutSeconds, 0, 0);
    }

    @Test
    void everyTransferIsOneRowInItsFinalStateAndTheRowsSumToTheBalance() {
        try (RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"))) {
            ShardLedger l = ShardLedger.standalone(h);
            apply(l, h, new CreateUser(user, wallet, cny, 1, 2, 3, 4),
                    new CreateAccount(bank, user, cny, 10, 0, 0),
                    new CreateAccount(shop, user, cny, 10, AccountFlags.history, 0));
            assertThat(apply(l, h, transfer(1, bank, wallet, 1_000, 0, 0, 0))).containsExactly(Result.ok);
            assertThat(apply(l, h, transfer(2, wallet, shop, 300, TransferFlags.pending, 0, 0),
                    transfer(3, wallet, shop, 200, TransferFlags.pending, 0, 0),
                    transfer(4, wallet, shop, 100, TransferFlags.pending, 0, 5))).containsOnly(Result.ok);
            // 2 is posted in part, 3 voided, 4 left to time out.
            assertThat(apply(l, h, transfer(5, 0, 0, 120, TransferFlags.postPending, 2, 0),
                    transfer(6, 0, 0, 0, TransferFlags.voidPending, 3, 0))).containsOnly(Result.ok);
            now += 10 * second;
            apply(l, h, Tick.instance);
            // A transaction committed and one aborted: each piece changes twice, prepared then decided.
            CreateTransfer committed = transfer(7, wallet, shop, 50, 0, 0, 0);
            CreateTransfer aborted = transfer(8, wallet, shop, 60, 0, 0, 0);
            assertThat(apply(l, h, new BeginTransaction(7, 0, new CreateTransfer[] {committed}),
                    new BeginTransaction(8, 0, new CreateTransfer[] {aborted}))).containsOnly(Result.ok);
            assertThat(apply(l, h, new DecideTransaction(7, true, Result.ok, -1),
                    new DecideTransaction(8, false, Result.exceeds_debits, 0)))
                    .containsExactly(Result.ok, Result.transaction_aborted);

            List<TransferRow> rows = h.accountTransfers(wallet, Long.MIN_VALUE, Long.MAX_VALUE, 100);
            assertThat(rows).extracting(r -> r.transfer().id()).containsExactly(8L, 7L, 4L, 3L, 2L, 1L);
            assertThat(rows).extracting(r -> r.transfer().status()).containsExactly(PendingStatus.voided,
                    PendingStatus.posted, PendingStatus.expired, PendingStatus.voided, PendingStatus.posted,
                    PendingStatus.none);
            assertThat(rows).extracting(TransferRow::postedAmount).containsExactly(0L, 50L, 0L, 0L, 120L, 1_000L);
            assertThat(rows.get(4).resolution().id()).isEqualTo(5);
            assertThat(rows.get(3).resolution().id()).isEqualTo(6);
            assertThat(rows.get(2).resolution()).isNull();
            assertThat(h.resolutionOf(2).map(TransferRecord::id)).contains(5L);
            assertThat(h.resolutionOf(4)).isEmpty();

            AccountState a = l.account(wallet);
            long sum = 0;
            for (TransferRow r : rows) {
                sum += r.creditAccountId() == wallet ? r.postedAmount() : -r.postedAmount();
            }
            assertThat(sum).isEqualTo(a.creditsPosted() - a.debitsPosted()).isEqualTo(1_000 - 120 - 50);
            assertThat(h.accountTransfers(shop, Long.MIN_VALUE, Long.MAX_VALUE, 100)).hasSize(5);

            // Pages of one row each walk the same rows, each once.
            List<Long> paged = new ArrayList<>();
            long to = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                List<TransferRow> page = h.accountTransfers(wallet, Long.MIN_VALUE, to, 1);
                if (page.isEmpty()) {
                    break;
                }
                paged.add(page.get(0).transfer().id());
                to = page.get(0).transfer().timestamp();
            }
            assertThat(paged).containsExactly(8L, 7L, 4L, 3L, 2L, 1L);
        }
    }

    @Test
    void aPageThatFillsInsideOneCommandsTransfersTakesTheRestOfThem() {
        try (RocksHistory h = RocksHistory.openEmpty(dir.resolve("h"))) {
            // Transfers 1–3 at one timestamp (one command's), 4 after: a page of 2 must not split 1–3.
            List<TransferRecord> records = new ArrayList<>();
            List<BalanceEvent> events = new ArrayList<>();
            for (long id = 1; id <= 4; id++) {
                long ts = id <= 3 ? 500 : 600;
                records.add(new TransferRecord(id, bank, wallet, 10, cny, 1, 0, 0, 0, 0, ts, PendingStatus.none,
                        bank, wallet, 10, cny));
                events.add(new BalanceEvent(wallet, ts, id, BalanceEvent.Kind.opened, 0, 0, 0, id * 10));
            }
            h.setApplyingIndex(1);
            h.commit(records, events);

            assertThat(h.accountTransfers(wallet, Long.MIN_VALUE, Long.MAX_VALUE, 2))
                    .extracting(r -> r.transfer().id()).containsExactly(4L, 3L, 2L, 1L);
            // The next page, from the last row's time, starts after all of them.
            assertThat(h.accountTransfers(wallet, Long.MIN_VALUE, 500, 2)).isEmpty();
            assertThat(h.accountTransfers(wallet, Long.MIN_VALUE, 600, 1)).extracting(r -> r.transfer().id())
                    .containsExactly(3L, 2L, 1L);
        }
    }
}
