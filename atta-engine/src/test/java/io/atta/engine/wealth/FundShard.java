package io.atta.engine.wealth;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.PublishIncome;
import io.atta.core.wealth.Redeem;
import io.atta.core.wealth.Subscribe;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** A standalone shard with the fund module, fed through the build's codec, with local-time helpers (Asia/Shanghai). */
final class FundShard {
    static final ZoneId zone = ZoneId.of("Asia/Shanghai");
    static final String code = "YEB";
    static final int cny = Currency.CNY.ledger();

    final ShardLedger ledger = ShardLedger.standalone(new InMemoryTransferStore());
    private long nextTopUp = 1;

    /** Nanoseconds since the epoch of a local date-time such as {@code 2027-01-04T10:00}. */
    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli() * 1_000_000L;
    }

    static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    static long user(int i) {
        return Ids.compose(0, Ids.firstUserLocalId + 2L * i);
    }

    static long wallet(int i) {
        return user(i) + 1;
    }

    static CreateFund fund(String calendar, String createdDate) {
        return new CreateFund(code, "Yu'e Bao", cny, user(999_999), wallet(999_999), 900, "Asia/Shanghai", 1_000_000,
                10_000_000, calendar, day(createdDate));
    }

    Result[] apply(long ts, Command... commands) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, List.of(commands))));
        return ledger.apply(b.timestamp(), b.commands());
    }

    Result one(long ts, Command c) {
        return apply(ts, c)[0];
    }

    /** Users 0..n-1 with {@code money} each in their wallets. */
    void users(long ts, int n, long money) {
        for (int i = 0; i < n; i++) {
            user(ts, i, money);
        }
    }

    /** User i with {@code money} in its wallet. */
    void user(long ts, int i, long money) {
        Result[] r = apply(ts, new CreateUser(user(i), wallet(i), cny, i + 1, 2, 3, 4),
                new CreateTransfer(Ids.compose(0, Ids.firstUserLocalId + nextTopUp++),
                        HouseAccount.bankFunding.id(0, Currency.CNY), wallet(i), money, cny, 1, 0, 0, 0, 0, 0));
        if (r[0] != Result.ok || r[1] != Result.ok) {
            throw new IllegalStateException("user " + i + ": " + r[0] + ", " + r[1]);
        }
    }

    Result subscribe(long ts, int user, long amount, String requestId) {
        return one(ts, new Subscribe(code, requestId, user(user), amount));
    }

    Result redeem(long ts, int user, long amount, boolean fast, String requestId) {
        return one(ts, new Redeem(code, requestId, user(user), amount, fast));
    }

    Result publish(long ts, String date, long per10k) {
        return one(ts, new PublishIncome(code, day(date), per10k));
    }

    void tick(long ts) {
        apply(ts, Tick.instance);
    }

    WealthModule wealth() {
        return ledger.module(WealthModule.class);
    }

    HoldingView holding(int user) {
        return wealth().holding(code, user(user));
    }

    long walletBalance(int user) {
        return ledger.account(wallet(user)).balance();
    }

    long balance(long account) {
        AccountState a = ledger.account(account);
        return a == null ? 0 : a.balance();
    }

    FundRequest request(String id) {
        return wealth().request(code, id);
    }
}
