package io.atta.engine.wealth;

import static io.atta.engine.wealth.FundShard.at;
import static io.atta.engine.wealth.FundShard.cny;
import static io.atta.engine.wealth.FundShard.user;
import static io.atta.engine.wealth.FundShard.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Funding;
import io.atta.core.Ids;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.FundWallet;
import io.atta.core.command.FundedTransfer;
import io.atta.core.command.Result;
import io.atta.core.wealth.FundResults;

import org.junit.jupiter.api.Test;

/**
 * Paying with the fund on one shard, through the build's codec: a funded transfer redeems units
 * fast into the payer's wallet and moves them on in one command, all or nothing; a repeat funds
 * nothing more; a refusal, the payment's own included, leaves units, wallet, holdings account and
 * the day's fast redemptions as they were (docs/FUND.md "Paying with the fund").
 */
class FundPaymentRulesTest {
    private static long nextId = 1;

    private static FundShard holderOfFiftyThousand() {
        FundShard s = new FundShard();
        long t = at("2027-01-04T09:00");
        assertThat(s.one(t, FundShard.fund("", "2027-01-04"))).isEqualTo(Result.ok);
        s.users(t, 3, 60_000_00);
        assertThat(s.subscribe(t, 0, 50_000_00, "base")).isEqualTo(Result.ok);
        s.tick(at("2027-01-05T09:00"));
        assertThat(s.holding(0).units()).isEqualTo(50_000_00);
        return s;
    }

    private static FundedTransfer pay(int from, long to, long amount) {
        long id = Ids.compose(0, Ids.firstUserLocalId + 1_000_000 + nextId++);
        return new FundedTransfer(Funding.fund.code(), new CreateTransfer(id, wallet(from), to, amount, cny, 9004, 0,
                0, 0, 0, user(from)));
    }

    /** What a refused payment must leave alone. */
    private record Before(long units, long fastToday, long wallet, long holdings) {
        static Before of(FundShard s) {
            return new Before(s.holding(0).units(), s.holding(0).fastRedeemedToday(), s.walletBalance(0),
                    s.balance(s.wealth().accounts(FundShard.code)[0]));
        }
    }

    @Test
    void aFundedTransferRedeemsAndPaysInOneCommandAndARepeatFundsNothingMore() {
        FundShard s = holderOfFiftyThousand();
        long t = at("2027-01-05T10:00");
        long payeeBefore = s.walletBalance(1);
        FundedTransfer p = pay(0, wallet(1), 1_234_56);

        assertThat(s.one(t, p)).isEqualTo(Result.ok);
        assertThat(s.holding(0).units()).isEqualTo(50_000_00 - 1_234_56);
        assertThat(s.holding(0).fastRedeemedToday()).isEqualTo(1_234_56);
        assertThat(s.walletBalance(0)).as("the wallet passed it on").isEqualTo(10_000_00);
        assertThat(s.walletBalance(1)).isEqualTo(payeeBefore + 1_234_56);

        assertThat(s.one(t, p)).isEqualTo(Result.exists);
        assertThat(s.holding(0).units()).isEqualTo(50_000_00 - 1_234_56);
        assertThat(s.walletBalance(1)).isEqualTo(payeeBefore + 1_234_56);
    }

    @Test
    void aPaymentTheLedgerRefusesAfterTheRedemptionTakesTheRedemptionBack() {
        FundShard s = holderOfFiftyThousand();
        long t = at("2027-01-05T10:00");
        Before before = Before.of(s);

        Result r = s.one(t, pay(0, wallet(7), 100_00));

        assertThat(r).as("no such payee").isNotEqualTo(Result.ok);
        assertThat(Before.of(s)).isEqualTo(before);
    }

    @Test
    void theFastLimitAndTheUnitsBoundAPaymentExactly() {
        FundShard s = holderOfFiftyThousand();
        long t = at("2027-01-05T10:00");
        assertThat(s.one(t, pay(0, wallet(1), 9_999_99))).isEqualTo(Result.ok);
        Before before = Before.of(s);

        assertThat(s.one(t, pay(0, wallet(1), 2))).isEqualTo(FundResults.fast_redeem_limit_exceeded);
        assertThat(Before.of(s)).isEqualTo(before);
        assertThat(s.one(t, pay(0, wallet(1), 1))).as("exactly the limit").isEqualTo(Result.ok);
        // The next day the limit is whole again, and the units bound the payment.
        long tomorrow = at("2027-01-06T10:00");
        assertThat(s.one(tomorrow, pay(0, wallet(1), 40_000_01))).isEqualTo(FundResults.insufficient_units);
        assertThat(s.one(tomorrow, pay(2, wallet(1), 1))).as("a user holding nothing")
                .isEqualTo(FundResults.insufficient_units);
        assertThat(s.one(tomorrow, pay(0, wallet(1), 10_000_00))).isEqualTo(Result.ok);
        assertThat(s.holding(0).units()).isEqualTo(30_000_00);
    }

    @Test
    void fundWalletMovesUnitsIntoTheWalletOncePerReference() {
        FundShard s = holderOfFiftyThousand();
        long t = at("2027-01-05T10:00");
        FundWallet f = new FundWallet(Funding.fund.code(), user(0), 500_00, cny, 4242);

        assertThat(s.one(t, f)).isEqualTo(Result.ok);
        assertThat(s.walletBalance(0)).isEqualTo(10_000_00 + 500_00);
        assertThat(s.one(t, f)).isEqualTo(Result.exists);
        assertThat(s.walletBalance(0)).isEqualTo(10_000_00 + 500_00);
        assertThat(s.holding(0).units()).isEqualTo(50_000_00 - 500_00);
        assertThat(s.one(t, new FundWallet(99, user(0), 1, cny, 4343)))
                .as("a source no module serves").isEqualTo(Result.funding_source_unsupported);
        assertThat(s.one(t, new FundWallet(Funding.fund.code(), user(9), 1, cny, 4444)))
                .isEqualTo(Result.user_not_found);
    }
}
