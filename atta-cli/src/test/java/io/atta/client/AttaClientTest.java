package io.atta.client;

import io.atta.cli.RunningNode;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every client call against a real durable node and HTTP server on a temporary directory.
 * (This test lives in atta-cli, which depends on both; atta-server's own tests depend on the
 * client, so atta-client cannot depend on the server.)
 */
class AttaClientTest {
    private static final String adminKey = "test-admin-key";
    private static final AtomicLong transferIds = new AtomicLong(1000);

    @TempDir
    static Path dataDir;
    private static RunningNode node;
    private static AttaClient admin;

    @BeforeAll
    static void start() {
        node = RunningNode.start(dataDir, "127.0.0.1", 0, 2, adminKey);
        admin = AttaClient.create(ClientOptions.of(node.uri(), adminKey));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** A user with two fresh accounts of its own, with client-chosen ids. */
    private record Owner(CreatedUser user, long a, long b) {
    }

    private static Owner ownerWithTwoAccounts(int flagsOfA) {
        CreatedUser u = admin.createUser(Currency.CNY);
        long a = AccountIds.forOwner(u.userId(), 0);
        long b = AccountIds.forOwner(u.userId(), 1);
        BatchResults r = admin.createAccounts(List.of(
                new NewAccount(a, u.userId(), Currency.CNY, 10, flagsOfA, 0),
                NewAccount.of(b, u.userId(), Currency.CNY)));
        assertThat(r.allOk()).as("%s", r).isTrue();
        return new Owner(u, a, b);
    }

    @Test
    void healthShowsEveryShardLed() {
        Health h = admin.health();

        assertThat(h.isOk()).isTrue();
        assertThat(h.shards()).isEqualTo(2);
    }

    @Test
    void usersAreCreatedAndReadBack() {
        CreatedUser created = admin.createUser(Currency.USD);

        User read = admin.getUser(created.userId());

        assertThat(created.token()).startsWith("atk_" + created.userId() + "_");
        assertThat(read.userId()).isEqualTo(created.userId());
        assertThat(read.walletAccountId()).isEqualTo(created.walletAccountId());
        assertThat(read.createdAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(admin.getAccount(created.walletAccountId()).currency()).isEqualTo(Currency.USD);
    }

    @Test
    void topUpAndWithdrawMoveMoneyOnceByRequestId() {
        CreatedUser u = admin.createUser(Currency.CNY);

        MoneyMovement first = admin.topup(u.userId(), 10_000, Currency.CNY, "top-1");
        MoneyMovement repeat = admin.topup(u.userId(), 10_000, Currency.CNY, "top-1");
        MoneyMovement out = admin.withdraw(u.userId(), 2_550, Currency.CNY, "out-1");

        assertThat(first.result()).isEqualTo(Result.ok);
        assertThat(repeat.result()).isEqualTo(Result.exists);
        assertThat(repeat.transferId()).isEqualTo(first.transferId());
        assertThat(out.result()).isEqualTo(Result.ok);
        Account wallet = admin.getAccount(u.walletAccountId());
        assertThat(wallet.balance()).isEqualTo(7_450);
        assertThat(wallet.flags() & AccountFlags.debitsMustNotExceedCredits).isNotZero();

        AttaApiException tooMuch = catchThrowableOfType(
                () -> admin.withdraw(u.userId(), 1_000_000, Currency.CNY, "out-2"), AttaApiException.class);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("insufficient_funds");
    }

    @Test
    void accountsAreCreatedIdempotentlyReadAndClosed() {
        Owner o = ownerWithTwoAccounts(AccountFlags.history);

        BatchResults again = admin.createAccounts(List.of(NewAccount.of(o.b(), o.user().userId(), Currency.CNY)));
        Account a = admin.getAccount(o.a());
        ItemResult closed = admin.closeAccount(o.b());

        assertThat(again.result(0)).isEqualTo(Result.exists);
        assertThat(a.id()).isEqualTo(o.a());
        assertThat(a.userId()).isEqualTo(o.user().userId());
        assertThat(a.code()).isEqualTo(10);
        assertThat(a.flags()).isEqualTo(AccountFlags.history);
        assertThat(a.balance()).isZero();
        assertThat(closed).isEqualTo(new ItemResult(o.b(), Result.ok));
        assertThat(admin.getAccount(o.b()).flags() & AccountFlags.closed).isNotZero();
        BatchResults refused = admin.createTransfers(List.of(
                NewTransfer.of(NewTransfer.idFor(o.a(), transferIds.incrementAndGet()), o.a(), o.b(), 100, Currency.CNY)));
        assertThat(refused.result(0)).isEqualTo(Result.account_closed);
    }

    @Test
    void transfersAreCreatedInBatchesAndReadBack() {
        Owner o = ownerWithTwoAccounts(0);
        long t1 = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());
        long t2 = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());

        BatchResults results = admin.createTransfers(List.of(
                NewTransfer.of(t1, o.a(), o.b(), 1_234, Currency.CNY),
                new NewTransfer(t2, o.b(), o.a(), 34, Currency.CNY, 7, 0, 0, 0, 42)));
        Transfer read = admin.getTransfer(t2);

        assertThat(results.allOk()).isTrue();
        assertThat(results.id(0)).isEqualTo(t1);
        assertThat(read.debitAccountId()).isEqualTo(o.b());
        assertThat(read.creditAccountId()).isEqualTo(o.a());
        assertThat(read.amount()).isEqualTo(34);
        assertThat(read.currency()).isEqualTo(Currency.CNY);
        assertThat(read.code()).isEqualTo(7);
        assertThat(read.userData()).isEqualTo(42);
        assertThat(read.pendingStatus()).isNull();
        assertThat(read.timestamp()).isGreaterThan(admin.getTransfer(t1).timestamp());
        assertThat(admin.getAccount(o.a()).balance()).isEqualTo(-1_200);
        assertThat(admin.getAccount(o.b()).balance()).isEqualTo(1_200);
    }

    @Test
    void pendingTransfersArePostedOnce() {
        Owner o = ownerWithTwoAccounts(0);
        long pending = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());
        long post = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());

        admin.createTransfers(List.of(new NewTransfer(pending, o.a(), o.b(), 500, Currency.CNY, 1,
                TransferFlags.pending, 0, 3600, 0)));
        assertThat(admin.getTransfer(pending).pendingStatus()).isEqualTo("pending");
        assertThat(admin.getAccount(o.a()).debitsPending()).isEqualTo(500);
        BatchResults posted = admin.createTransfers(List.of(new NewTransfer(post, o.a(), o.b(), 0, Currency.CNY, 1,
                TransferFlags.postPending, pending, 0, 0)));

        assertThat(posted.result(0)).isEqualTo(Result.ok);
        assertThat(admin.getTransfer(pending).pendingStatus()).isEqualTo("posted");
        Account a = admin.getAccount(o.a());
        assertThat(a.debitsPending()).isZero();
        assertThat(a.debitsPosted()).isEqualTo(500);
    }

    @Test
    void historyIsPagedNewestFirstAndBalancesAreReadAtAnInstant() {
        Owner o = ownerWithTwoAccounts(AccountFlags.history);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long id = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());
            ids.add(id);
            admin.createTransfers(List.of(NewTransfer.of(id, o.a(), o.b(), i * 100L, Currency.CNY)));
        }

        List<Long> seen = new ArrayList<>();
        Instant to = null;
        int pages = 0;
        do {
            TransferPage page = admin.accountTransfers(o.a(), null, to, 2);
            page.transfers().forEach(t -> seen.add(t.id()));
            to = page.nextTo();
            pages++;
        } while (to != null && pages < 10);

        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        Transfer second = admin.getTransfer(ids.get(1));
        Balance then = admin.balanceAt(o.a(), Currency.CNY, second.createdAt());
        assertThat(then.accountId()).isEqualTo(o.a());
        assertThat(then.debitsPosted()).isEqualTo(300);
        assertThat(then.balance()).isEqualTo(-300);
        assertThat(admin.balanceAt(o.a(), Currency.CNY, Instant.EPOCH).balance()).isZero();
    }

    @Test
    void refusalsCarryStatusAndCode() {
        Owner mine = ownerWithTwoAccounts(0);
        Owner theirs = ownerWithTwoAccounts(0);

        AttaApiException missing = catchThrowableOfType(() -> admin.getAccount(AccountIds.forOwner(
                mine.user().userId(), 999)), AttaApiException.class);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");

        try (AttaClient stranger = AttaClient.create(node.uri(), "not-a-key")) {
            AttaApiException e = catchThrowableOfType(() -> stranger.getAccount(mine.a()), AttaApiException.class);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("unauthorized");
        }
        try (AttaClient user = AttaClient.create(node.uri(), mine.user().token())) {
            assertThat(user.getAccount(mine.a()).id()).isEqualTo(mine.a());
            AttaApiException e = catchThrowableOfType(() -> user.getAccount(theirs.a()), AttaApiException.class);
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("forbidden");
        }
    }

    @Test
    void aBatchWhoseReplyWasLostIsRetriedWithTheSameIdsAndAppliedOnce() throws Exception {
        Owner o = ownerWithTwoAccounts(0);
        long t1 = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());
        long t2 = NewTransfer.idFor(o.a(), transferIds.incrementAndGet());
        List<NewTransfer> batch = List.of(NewTransfer.of(t1, o.a(), o.b(), 700, Currency.CNY),
                NewTransfer.of(t2, o.a(), o.b(), 50, Currency.CNY));

        BatchResults results;
        List<String> forwarded;
        try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(node.uri(), 1);
             AttaClient client = AttaClient.create(ClientOptions.of(proxy.uri(), adminKey)
                     .withRetry(new RetryPolicy(3, 1, 10)))) {
            results = client.createTransfers(batch);
            forwarded = proxy.forwardedBodies();
        }

        assertThat(forwarded).hasSize(2);
        assertThat(forwarded.get(1)).isEqualTo(forwarded.get(0));
        assertThat(results.result(0)).isEqualTo(Result.exists);
        assertThat(results.result(1)).isEqualTo(Result.exists);
        assertThat(admin.getAccount(o.b()).balance()).isEqualTo(750);
    }
}
