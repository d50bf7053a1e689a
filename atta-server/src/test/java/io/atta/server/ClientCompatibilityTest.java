package io.atta.server;

import io.atta.client.Account;
import io.atta.client.AttaApiException;
import io.atta.client.AttaClient;
import io.atta.client.Balance;
import io.atta.client.BatchResults;
import io.atta.client.CreatedUser;
import io.atta.client.MoneyMovement;
import io.atta.client.NewAccount;
import io.atta.client.NewTransfer;
import io.atta.client.Transfer;
import io.atta.client.TransferPage;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java client (atta-client) and this server agree on the API: every call round-trips. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCompatibilityTest {
    private ApiFixture f;
    private AttaClient admin;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(1);
        admin = AttaClient.create(URI.create("http://127.0.0.1:" + f.server.port()), ApiFixture.adminKey);
    }

    @AfterAll
    void stop() {
        admin.close();
        f.close();
    }

    @Test
    void everyCallOfTheClientRoundTrips() {
        CreatedUser a = admin.createUser(Currency.CNY);
        CreatedUser b = admin.createUser(Currency.CNY);
        assertThat(admin.getUser(a.userId()).walletAccountId()).isEqualTo(a.walletAccountId());
        MoneyMovement m = admin.topup(a.userId(), 10_000, Currency.CNY, "c-1");
        assertThat(m.result()).isEqualTo(Result.ok);
        assertThat(admin.topup(a.userId(), 10_000, Currency.CNY, "c-1").result()).isEqualTo(Result.exists);
        assertThat(admin.withdraw(a.userId(), 1_000, Currency.CNY, "c-2").result()).isEqualTo(Result.ok);

        long accountId = Ids.compose(Ids.slotOf(b.userId()), Ids.firstUserLocalId + 7);
        // With the history flag: the listing and the balance at a time below need it.
        BatchResults accounts = admin.createAccounts(List.of(new NewAccount(accountId, b.userId(), Currency.CNY,
                NewAccount.defaultCode, AccountFlags.history, 0)));
        assertThat(accounts.allOk()).isTrue();
        Account account = admin.getAccount(accountId);
        assertThat(account.userId()).isEqualTo(b.userId());
        assertThat(account.code()).isEqualTo(NewAccount.defaultCode);

        BatchResults sent = admin.createTransfers(List.of(
                NewTransfer.of(1, a.walletAccountId(), accountId, 2_500, Currency.CNY),
                new NewTransfer(2, a.walletAccountId(), accountId, 1_000, Currency.CNY, 1, TransferFlags.pending, 0,
                        60, 0),
                new NewTransfer(3, a.walletAccountId(), accountId, 0, Currency.CNY, 1, TransferFlags.postPending, 2,
                        0, 0)));
        assertThat(sent.allOk()).as(sent.toString()).isTrue();
        assertThat(admin.getAccount(accountId).balance()).isEqualTo(3_500);
        Transfer pending = admin.getTransfer(2);
        assertThat(pending.pendingStatus()).isEqualTo("posted");
        assertThat(pending.amount()).isEqualTo(1_000);

        assertThat(pending.postedAmount()).isEqualTo(1_000);

        // The post (3) is part of the pending transfer's row, not a row of its own.
        TransferPage page = admin.accountTransfers(accountId, null, null, 2);
        assertThat(page.transfers()).extracting(Transfer::id).containsExactly(2L, 1L);
        assertThat(page.transfers()).extracting(Transfer::postedAmount).containsExactly(1_000L, 2_500L);
        assertThat(page.nextTo()).isNotNull();
        Balance now = admin.balanceAt(accountId, Currency.CNY, Instant.parse("2200-01-01T00:00:00Z"));
        assertThat(now.creditsPosted()).isEqualTo(3_500);
        // An account with money in it stays open: the refusal reaches the client as its error.
        assertThatThrownBy(() -> admin.closeAccount(accountId)).isInstanceOf(AttaApiException.class)
                .hasMessageContaining("account_has_balance");
        assertThat(admin.health().status()).isEqualTo("ok");

        try (AttaClient user = AttaClient.create(URI.create("http://127.0.0.1:" + f.server.port()), b.token())) {
            assertThat(user.getAccount(accountId).balance()).isEqualTo(3_500);
            assertThatThrownBy(() -> user.getAccount(a.walletAccountId())).isInstanceOf(AttaApiException.class);
        }
    }
}
