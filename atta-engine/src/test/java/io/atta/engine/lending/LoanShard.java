package io.atta.engine.lending;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.lending.CreateLender;
import io.atta.core.lending.FundLender;
import io.atta.core.lending.RepayLoan;
import io.atta.core.lending.RepaymentMethod;
import io.atta.core.lending.TakeLoan;
import io.atta.engine.ShardModules;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A standalone shard with the lending module, fed through the build's codec: users, a channel, a
 * lender funded by it, and scores set per user (700, the interim policy's, unless set).
 */
final class LoanShard {
    static final ZoneId zone = ZoneId.of("Asia/Shanghai");
    static final int cny = Currency.CNY.ledger();
    static final long channel = Ids.compose(0, Ids.firstUserLocalId + 900_001);
    static final long lender = Ids.compose(0, Ids.firstUserLocalId + 900_003);

    final Map<Long, Integer> scores = new HashMap<>();
    final ShardLedger ledger;
    private long nextTopUp = 1;
    private long nextDeposit = 1;

    LoanShard() {
        List<Function<ShardServices, ShardModule>> modules = ShardModules.standardWith("lending",
                s -> new LendingModule(s, (user, ts) -> scores.getOrDefault(user, 700)));
        ledger = new ShardLedger(0, 0, s -> true, new InMemoryTransferStore(), modules);
    }

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

    Result[] apply(long ts, Command... commands) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, List.of(commands))));
        return ledger.apply(b.timestamp(), b.commands());
    }

    Result one(long ts, Command c) {
        return apply(ts, c)[0];
    }

    /** The channel and the lender, with {@code funding} deposited for it on this shard. */
    void lender(long ts, long funding) {
        require(one(ts, new CreateChannel(channel, "First Bank", cny)));
        require(one(ts, new CreateLender(lender, "Partner Bank", cny)));
        if (funding > 0) {
            require(fund(ts, funding));
        }
    }

    Result fund(long ts, long amount) {
        return one(ts, new FundLender(Ids.platformId(0, nextDeposit), lender, channel, amount, cny,
                "ref-" + nextDeposit++));
    }

    /** User i with {@code money} in its wallet. */
    void user(long ts, int i, long money) {
        CreateUser create = new CreateUser(user(i), wallet(i), cny, i + 1, 2, 3, 4);
        if (money == 0) {
            require(one(ts, create));
            return;
        }
        Result[] r = apply(ts, create,
                new CreateTransfer(Ids.compose(0, Ids.firstUserLocalId + 1_000_000 + nextTopUp++),
                        HouseAccount.bankFunding.id(0, Currency.CNY), wallet(i), money, cny, 1, 0, 0, 0, 0, 0));
        require(r[0]);
        require(r[1]);
    }

    Result borrow(long ts, int user, String requestId, long amount, int months, RepaymentMethod method) {
        return one(ts, new TakeLoan(user(user), requestId, 0, amount, months, method));
    }

    Result repay(long ts, long loanId, String requestId, long amount) {
        return one(ts, new RepayLoan(loanId, requestId, amount, false));
    }

    Result prepay(long ts, long loanId, String requestId) {
        return one(ts, new RepayLoan(loanId, requestId, 0, true));
    }

    void tick(long ts) {
        apply(ts, Tick.instance);
    }

    static long loanId(int user, String requestId) {
        return LoanReads.loanIdOf(user(user), requestId);
    }

    LoanReads reads() {
        return ledger.module(LendingModule.class).reads();
    }

    LoanView loan(long loanId, long ts) {
        return reads().loan(loanId, ts);
    }

    long walletBalance(int user) {
        return ledger.account(wallet(user)).balance();
    }

    long balance(long account) {
        AccountState a = ledger.account(account);
        return a == null ? 0 : a.balance();
    }

    /** The sum of every account's posted balance: zero when the ledger is balanced. */
    long ledgerSum() {
        long sum = 0;
        for (AccountState a : ledger.accounts()) {
            sum += a.creditsPosted() - a.debitsPosted();
        }
        return sum;
    }

    private static void require(Result r) {
        if (r != Result.ok) {
            throw new IllegalStateException("set-up refused: " + r.apiName());
        }
    }
}
