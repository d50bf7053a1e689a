package io.atta.server.notify;

import io.atta.cluster.LedgerService;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.trade.Notification;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merchants and paid trades made with the engine's commands, straight through the
 * {@link LedgerService} (the trade API is another issue's), and the outboxes read back.
 */
final class Trades {
    static final Currency currency = Currency.CNY;
    private static final AtomicLong locals = new AtomicLong(Ids.firstUserLocalId + (System.nanoTime() & 0xFFFFF));

    private final LedgerService ledger;
    private final int slot;

    /** Everything on the shard that owns {@code slot}. */
    Trades(LedgerService ledger, int slot) {
        this.ledger = ledger;
        this.slot = slot;
    }

    record Merchant(long id, long walletId) {
    }

    record Paid(long tradeNo, String outTradeNo, int shard) {
    }

    private long nextId() {
        return Ids.compose(slot, locals.incrementAndGet());
    }

    Merchant merchant(String webhookUrl, String secret) {
        long id = nextId();
        long wallet = nextId();
        submit(id, new CreateUser(id, wallet, currency.ledger(), 1, 2, 3, 4),
                new CreateMerchant(id, wallet, 0, "Test shop", webhookUrl, secret));
        return new Merchant(id, wallet);
    }

    /** A buyer funded with {@code amount}, who pays a new trade of {@code m} for all of it. */
    Paid paidTrade(Merchant m, long amount) {
        long buyer = nextId();
        long wallet = nextId();
        int shard = ledger.shardOf(buyer);
        long bank = HouseAccount.bankFunding.id(ledger.homeSlotOf(shard), currency);
        submit(buyer, new CreateUser(buyer, wallet, currency.ledger(), 5, 6, 7, 8),
                new CreateTransfer(nextId(), bank, wallet, amount, currency.ledger(), 9001, 0, 0, 0, 0, 0));
        long tradeNo = nextId();
        String outTradeNo = "order-" + tradeNo;
        submit(tradeNo, new CreateTrade(tradeNo, m.id(), outTradeNo, buyer, amount, currency.ledger(), 0, 3600, true,
                "A book"));
        long payDeadline = Long.MAX_VALUE;
        submit(buyer, new PayTrade(tradeNo, m.id(), outTradeNo, buyer, wallet, amount, currency.ledger(), 0,
                payDeadline, m.walletId(), 0, PayTrade.fundingWallet, true));
        return new Paid(tradeNo, outTradeNo, shard);
    }

    private void submit(long routedBy, Command... commands) {
        Result[] rs = ledger.submit(ledger.shardOf(routedBy), commands).join();
        for (int i = 0; i < rs.length; i++) {
            assertThat(rs[i]).as("%s", commands[i]).isEqualTo(Result.ok);
        }
    }

    /** Every shard's outbox as it is now, oldest first per shard. */
    List<Notification> outbox() {
        List<Notification> out = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            out.addAll(ledger.read(s, l -> l.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE))
                    .orTimeout(10, TimeUnit.SECONDS).join());
        }
        return out;
    }

    /** Notifications abandoned on every shard so far. */
    long abandoned() {
        long n = 0;
        for (int s = 0; s < ledger.shardCount(); s++) {
            n += ledger.read(s, l -> l.trades().abandonedNotifications()).orTimeout(10, TimeUnit.SECONDS).join();
        }
        return n;
    }
}
