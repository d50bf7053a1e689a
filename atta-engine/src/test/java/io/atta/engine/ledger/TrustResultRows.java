package io.atta.engine.ledger;

import static io.atta.engine.ledger.LedgerWorld.alice;
import static io.atta.engine.ledger.LedgerWorld.aliceClosed;
import static io.atta.engine.ledger.LedgerWorld.alicePlain;
import static io.atta.engine.ledger.LedgerWorld.aliceUsd;
import static io.atta.engine.ledger.LedgerWorld.aliceWallet;
import static io.atta.engine.ledger.LedgerWorld.bank;
import static io.atta.engine.ledger.LedgerWorld.bob;
import static io.atta.engine.ledger.LedgerWorld.bobWallet;
import static io.atta.engine.ledger.LedgerWorld.cny;
import static io.atta.engine.ledger.LedgerWorld.foreignSlot;
import static io.atta.engine.ledger.LedgerWorld.foreignUser;
import static io.atta.engine.ledger.LedgerWorld.homeSlot;
import static io.atta.engine.ledger.LedgerWorld.otherSlot;
import static io.atta.engine.ledger.LedgerWorld.usd;
import static io.atta.engine.ledger.ResultRow.row;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.available;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.unknownAccount;
import static io.atta.engine.ledger.TransferBuilder.post;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static io.atta.core.command.Result.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.AccountFlags;
import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.Adjust;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateKey;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Deposit;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.RevokeKey;
import io.atta.core.command.Tick;
import io.atta.engine.access.Key;
import io.atta.engine.access.KeyCommands;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.channel.ChannelMoney;
import io.atta.engine.channel.DepositRecord;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of the ledger's result table ({@link ShardLedgerResultTableTest}) for the trust
 * commands: API keys, funding channels with their deposits and withdrawals, operators'
 * adjustments and reopening accounts.
 */
final class TrustResultRows {
    private static final long first = Ids.firstUserLocalId;
    /** A channel whose id is in another slot than this shard's home slot, so its clearing account's id differs. */
    static final long chan = Ids.compose(otherSlot, first + 70);
    static final long clearing = ChannelAccounts.clearingId(chan, homeSlot);
    private static final long otherChan = Ids.compose(otherSlot, first + 71);
    private static final long otherClearing = ChannelAccounts.clearingId(otherChan, homeSlot);
    private static final long unknownChan = Ids.compose(otherSlot, first + 79);
    private static final long usdChan = Ids.compose(homeSlot, first + 72);
    private static final long d1 = Ids.platformId(homeSlot, 1);
    private static final long w1 = Ids.platformId(homeSlot, 11);
    private static final long a1 = Ids.platformId(homeSlot, 21);
    private static final long key1 = Ids.compose(homeSlot, first + 80);
    private static final long adminKey = Ids.compose(0, first + 81);
    private static final int timeoutSeconds = 600;

    private TrustResultRows() {
    }

    static List<ResultRow> rows() {
        return List.of(channelRows(), depositRows(), withdrawalRows(), adjustRows(), reopenRows(), keyRows())
                .stream().flatMap(List::stream).toList();
    }

    private static final Consumer<LedgerWorld> withChannel = w -> w.applyAllOk(
            new CreateChannel(chan, "Bank A", cny), new CreateChannel(otherChan, "Bank B", cny),
            new CreateChannel(usdChan, "Bank USD", usd));

    private static Deposit deposit(long id, long user, long amount) {
        return new Deposit(id, chan, user, amount, cny, "ref-" + id);
    }

    private static RequestWithdrawal withdraw(long id, long amount) {
        return new RequestWithdrawal(id, chan, alice, amount, cny, timeoutSeconds, "req-" + id);
    }

    private static final Consumer<LedgerWorld> withWithdrawal = withChannel.andThen(w -> w.applyAllOk(withdraw(w1, 300)));

    private static List<ResultRow> channelRows() {
        return List.of(
                row("a channel opens its clearing account on the shard").when(new CreateChannel(chan, "Bank A", cny))
                        .expect(ok).creates(clearing)
                        .then(w -> {
                            AccountState c = w.account(clearing);
                            assertThat(c.ownerUserId()).isZero();
                            assertThat(c.code()).isEqualTo(ChannelAccounts.clearingCode);
                            assertThat(c.flags()).isEqualTo(AccountFlags.history);
                            assertThat(c.userData()).isEqualTo(chan);
                            assertThat(c.ledger()).isEqualTo(cny);
                            assertThat(w.ledger.channels().channel(chan).name()).isEqualTo("Bank A");
                        }),
                row("a channel again: exists; with another name or currency: exists_with_different_fields")
                        .given(withChannel)
                        .when(new CreateChannel(chan, "Bank A", cny), new CreateChannel(chan, "Bank A2", cny),
                                new CreateChannel(chan, "Bank A", usd))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields),
                row("a channel needs an id in the user range and a known currency").when(
                                new CreateChannel(0, "x", cny), new CreateChannel(Ids.compose(homeSlot, 7), "x", cny),
                                new CreateChannel(chan, "x", 999))
                        .expect(id_must_not_be_zero, account_id_reserved, currency_mismatch),
                row("a channel whose clearing account id is taken is refused").when(
                                new CreateChannel(Ids.compose(otherSlot, Ids.localOf(aliceWallet)), "x", cny))
                        .expect(exists_with_different_fields));
    }

    private static List<ResultRow> depositRows() {
        return List.of(
                row("a deposit moves money from the channel's clearing account to the wallet").given(withChannel)
                        .when(deposit(d1, alice, 700)).expect(ok)
                        .delta(clearing, 0, 700, 0, 0).delta(aliceWallet, 0, 0, 0, 700)
                        .then(w -> {
                            assertThat(w.ledger.channels().deposit(d1)).isEqualTo(new DepositRecord(d1, chan, alice,
                                    aliceWallet, 700, cny, "ref-" + d1, w.now - LedgerWorld.batchSpacingNs));
                            assertThat(w.store.get(d1).code()).isEqualTo(ChannelMoney.depositCode);
                            assertThat(w.store.get(d1).userData()).isEqualTo(chan);
                        }),
                row("a deposit again: exists; other fields under its id: exists_with_different_fields")
                        .given(withChannel.andThen(w -> w.applyAllOk(deposit(d1, alice, 700))))
                        .when(deposit(d1, alice, 700), deposit(d1, alice, 701), deposit(d1, bob, 700),
                                new Deposit(d1, chan, alice, 700, cny, "other ref"))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields),
                row("a deposit whose id another transfer has").given(withChannel)
                        .when(deposit(LedgerWorld.topUp, alice, 700)).expect(exists_with_different_fields),
                row("a deposit through an unknown channel").when(deposit(d1, alice, 700)).expect(channel_not_found),
                row("a deposit to an unknown user, or to another shard's").given(withChannel)
                        .when(deposit(d1, Ids.compose(homeSlot, first + 60), 700), deposit(d1, 0, 700),
                                deposit(d1, foreignUser, 700))
                        .expect(user_not_found, user_not_found, accounts_on_different_shards),
                row("a deposit of nothing").given(withChannel).when(deposit(d1, alice, 0), deposit(d1, alice, -5))
                        .expect(amount_must_not_be_zero, amount_must_not_be_zero),
                row("a deposit whose currency is not the channel's and the wallet's").given(withChannel)
                        .when(new Deposit(d1, chan, alice, 700, usd, "r"), new Deposit(d1, usdChan, alice, 700, usd, "r"),
                                new Deposit(d1, usdChan, alice, 700, cny, "r"))
                        .expect(currency_mismatch, currency_mismatch, currency_mismatch));
    }

    private static List<ResultRow> withdrawalRows() {
        return List.of(
                row("a withdrawal holds the amount in the wallet until the channel answers").given(withChannel)
                        .when(withdraw(w1, 300)).expect(ok)
                        .delta(aliceWallet, 300, 0, 0, 0).delta(clearing, 0, 0, 300, 0)
                        .then(w -> {
                            WithdrawalRecord r = w.ledger.channels().withdrawal(w1);
                            long ts = w.now - LedgerWorld.batchSpacingNs;
                            assertThat(r.status()).isEqualTo(WithdrawalStatus.pending);
                            assertThat(r.createdAt()).isEqualTo(ts);
                            assertThat(r.expiresAt()).isEqualTo(ts + timeoutSeconds * 1_000_000_000L);
                            assertThat(w.ledger.openPendingTransfer(w1).code()).isEqualTo(ChannelMoney.withdrawalCode);
                        }),
                row("a withdrawal with no timeout waits the default").given(withChannel)
                        .when(new RequestWithdrawal(w1, chan, alice, 300, cny, 0, "r")).expect(ok)
                        .delta(aliceWallet, 300, 0, 0, 0).delta(clearing, 0, 0, 300, 0)
                        .then(w -> assertThat(w.ledger.channels().withdrawal(w1).expiresAt()
                                - w.ledger.channels().withdrawal(w1).createdAt())
                                .isEqualTo(io.atta.core.Limits.defaultWithdrawalTimeoutSeconds * 1_000_000_000L)),
                row("a withdrawal of more than is available").given(withChannel)
                        .when(withdraw(w1, available + 1)).expect(insufficient_funds),
                row("a withdrawal with a timeout over the limit").given(withChannel)
                        .when(new RequestWithdrawal(w1, chan, alice, 1, cny, io.atta.core.Limits.maxTimeoutSeconds + 1,
                                "r"))
                        .expect(timeout_too_large),
                row("a withdrawal again: exists; other fields under its id: exists_with_different_fields")
                        .given(withWithdrawal)
                        .when(withdraw(w1, 300), withdraw(w1, 301),
                                new RequestWithdrawal(w1, chan, alice, 300, cny, timeoutSeconds + 1, "req-" + w1))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields),
                row("a caller may not post or void a withdrawal's pending transfer: only its channel answers")
                        .given(withWithdrawal)
                        .when(TransferBuilder.voidPending(ShardLedgerResultTableTest.t1, w1),
                                post(ShardLedgerResultTableTest.t2, w1, 0))
                        .expect(transfer_id_reserved, transfer_id_reserved),
                row("negative ids are the platform's own").given(withChannel)
                        .when(withdraw(-w1, 1), deposit(-d1, alice, 1), new Adjust(-a1, alice, 1, cny, true, 0, ""))
                        .expect(transfer_id_reserved, transfer_id_reserved, transfer_id_reserved),
                row("a withdrawal through an unknown channel, for an unknown user").given(withChannel)
                        .when(new RequestWithdrawal(w1, unknownChan, alice, 1, cny, 60, "r"),
                                new RequestWithdrawal(w1, chan, bob + 9, 1, cny, 60, "r"))
                        .expect(channel_not_found, user_not_found),
                row("the channel confirms: the held amount is posted to the clearing account").given(withWithdrawal)
                        .when(new ResolveWithdrawal(w1, chan, true, "bank-ok-1")).expect(ok)
                        .delta(aliceWallet, -300, 300, 0, 0).delta(clearing, 0, 0, -300, 300)
                        .then(w -> {
                            WithdrawalRecord r = w.ledger.channels().withdrawal(w1);
                            assertThat(r.status()).isEqualTo(WithdrawalStatus.confirmed);
                            assertThat(r.channelRef()).isEqualTo("bank-ok-1");
                            assertThat(r.resolvedAt()).isEqualTo(w.now - LedgerWorld.batchSpacingNs);
                            assertThat(w.store.get(w1).status()).isEqualTo(PendingStatus.posted);
                            assertThat(w.store.get(ChannelMoney.resolutionId(w1)).amount()).isEqualTo(300);
                        }),
                row("the channel fails it: the held amount is back in the wallet").given(withWithdrawal)
                        .when(new ResolveWithdrawal(w1, chan, false, "")).expect(ok)
                        .delta(aliceWallet, -300, 0, 0, 0).delta(clearing, 0, 0, -300, 0)
                        .then(w -> assertThat(w.ledger.channels().withdrawal(w1).status())
                                .isEqualTo(WithdrawalStatus.failed)),
                row("the same answer again is exists; the other answer withdrawal_not_pending")
                        .given(withWithdrawal.andThen(w -> w.applyAllOk(new ResolveWithdrawal(w1, chan, true, "x"))))
                        .when(new ResolveWithdrawal(w1, chan, true, "x"), new ResolveWithdrawal(w1, chan, false, ""))
                        .expect(exists, withdrawal_not_pending),
                row("another channel, or no such withdrawal").given(withWithdrawal)
                        .when(new ResolveWithdrawal(w1, otherChan, true, ""), new ResolveWithdrawal(w1 + 1, chan, true, ""),
                                new ResolveWithdrawal(LedgerWorld.pendingOpen, chan, true, ""))
                        .expect(withdrawal_not_found, withdrawal_not_found, withdrawal_not_found),
                row("unanswered past its timeout, a tick voids it and it is expired").given(withWithdrawal
                                .andThen(w -> w.advanceSeconds(timeoutSeconds)))
                        .when(Tick.instance, new ResolveWithdrawal(w1, chan, true, "late")).expect(ok, withdrawal_not_pending)
                        // The world's own timed pending transfer (500) expires with it.
                        .delta(aliceWallet, -300 - 500, 0, 0, 0).delta(clearing, 0, 0, -300, 0)
                        .delta(bobWallet, 0, 0, -500, 0)
                        .then(w -> {
                            WithdrawalRecord r = w.ledger.channels().withdrawal(w1);
                            assertThat(r.status()).isEqualTo(WithdrawalStatus.expired);
                            assertThat(r.resolvedAt()).isEqualTo(w.now - LedgerWorld.batchSpacingNs);
                            assertThat(w.store.get(w1).status()).isEqualTo(PendingStatus.expired);
                        }),
                row("an answer after the timeout, before the tick, is too late").given(withWithdrawal
                                .andThen(w -> w.advanceSeconds(timeoutSeconds)))
                        .when(new ResolveWithdrawal(w1, chan, true, "late")).expect(withdrawal_not_pending));
    }

    private static List<ResultRow> adjustRows() {
        return List.of(
                row("an operator's credit: bank funding to the wallet, kept with key and reason")
                        .when(new Adjust(a1, alice, 900, cny, true, adminKey, "compensation #7")).expect(ok)
                        .delta(bank, 0, 900, 0, 0).delta(aliceWallet, 0, 0, 0, 900)
                        .then(w -> {
                            Adjustment a = w.ledger.adjustment(a1);
                            assertThat(a.actingKeyId()).isEqualTo(adminKey);
                            assertThat(a.reason()).isEqualTo("compensation #7");
                            assertThat(a.credit()).isTrue();
                            assertThat(w.store.get(a1).code()).isEqualTo(Adjustments.creditCode);
                        }),
                row("an operator's debit: the wallet to bank funding")
                        .when(new Adjust(a1, alice, 900, cny, false, 0, "chargeback")).expect(ok)
                        .delta(bank, 0, 0, 0, 900).delta(aliceWallet, 0, 900, 0, 0),
                row("a debit may not take the wallet below zero")
                        .when(new Adjust(a1, alice, available + 1, cny, false, 0, "x")).expect(insufficient_funds),
                row("an adjustment again: exists (from any admin key); other fields: exists_with_different_fields")
                        .given(w -> w.applyAllOk(new Adjust(a1, alice, 900, cny, true, adminKey, "r")))
                        .when(new Adjust(a1, alice, 900, cny, true, adminKey + 1, "r"),
                                new Adjust(a1, alice, 900, cny, true, adminKey, "other reason"),
                                new Adjust(a1, alice, 900, cny, false, adminKey, "r"))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields),
                row("a top-up made before adjustments existed, retried as one, is the same transfer")
                        .given(w -> w.applyAllOk(transfer(a1, bank, aliceWallet, 900).code(Adjustments.creditCode).build()))
                        .when(new Adjust(a1, alice, 900, cny, true, 0, "")).expect(exists),
                row("an adjustment for an unknown user, in an unknown or other currency, of nothing")
                        .when(new Adjust(a1, alice + 99, 1, cny, true, 0, ""), new Adjust(a1, alice, 1, 999, true, 0, ""),
                                new Adjust(a1, alice, 1, usd, true, 0, ""), new Adjust(a1, alice, 0, cny, true, 0, ""),
                                new Adjust(0, alice, 1, cny, true, 0, ""))
                        .expect(user_not_found, currency_mismatch, currency_mismatch, amount_must_not_be_zero,
                                id_must_not_be_zero));
    }

    private static List<ResultRow> reopenRows() {
        return List.of(
                row("reopening a closed account: it takes transfers again")
                        .when(new ReopenAccount(aliceClosed), post(ShardLedgerResultTableTest.t1,
                                LedgerWorld.pendingOnClosed, 0))
                        .expect(ok, ok).reopens(aliceClosed)
                        .delta(aliceClosed, -200, 200, 0, 0).delta(bobWallet, 0, 0, -200, 200),
                row("reopening an open account, or one that does not exist")
                        .when(new ReopenAccount(alicePlain), new ReopenAccount(unknownAccount))
                        .expect(account_not_closed, account_not_found));
    }

    private static CreateKey key(long id, Role role, long owner) {
        return new CreateKey(id, role, owner, 0, 1, 2, 3, 4, "k", 0);
    }

    private static List<ResultRow> keyRows() {
        long merchantKey = Ids.compose(homeSlot, first + 82);
        long channelKey = Ids.compose(otherSlot, first + 83);
        return List.of(
                row("keys of every role for owners this shard knows")
                        .given(withChannel.andThen(w -> w.applyAllOk(new CreateMerchant(alice, alicePlain, 0, "shop",
                                "", ""))))
                        .when(key(adminKey, Role.admin, 0), key(key1, Role.user, alice),
                                key(merchantKey, Role.merchant, alice), key(channelKey, Role.channel, chan))
                        .expect(ok, ok, ok, ok)
                        .then(w -> {
                            Key k = w.ledger.keys().key(key1);
                            assertThat(k.role()).isEqualTo(Role.user);
                            assertThat(k.ownerId()).isEqualTo(alice);
                            assertThat(k.createdAt()).isEqualTo(w.now - LedgerWorld.batchSpacingNs + 1);
                            assertThat(k.activeAt(w.now)).isTrue();
                            assertThat(w.ledger.keys().keysOf(alice)).extracting(Key::keyId)
                                    .containsExactly(alice, key1, merchantKey);
                        }),
                row("a key whose role does not go with its owner").given(withChannel)
                        .when(key(adminKey, Role.admin, alice), key(key1, Role.user, 0),
                                key(key1, Role.user, Ids.compose(homeSlot, first + 60)),
                                key(Ids.compose(homeSlot, first + 84), Role.user, bob),
                                key(key1, Role.merchant, alice), key(channelKey, Role.channel, unknownChan),
                                key(key1, null, alice))
                        .expect(key_owner_invalid, key_owner_invalid, key_owner_invalid, key_owner_invalid,
                                key_owner_invalid, key_owner_invalid, key_owner_invalid),
                row("a key with id zero or in another shard's slot")
                        .when(key(0, Role.admin, 0), key(Ids.compose(foreignSlot, first), Role.admin, 0))
                        .expect(id_must_not_be_zero, accounts_on_different_shards),
                row("a key again: exists; other fields under its id, a user's id included: exists_with_different_fields")
                        .given(w -> w.applyAllOk(key(key1, Role.user, alice)))
                        .when(key(key1, Role.user, alice), new CreateKey(key1, Role.user, alice, 0, 1, 2, 3, 5, "k", 0),
                                key(alice, Role.user, alice))
                        .expect(exists, exists_with_different_fields, exists_with_different_fields),
                row("a user's own token is a key, revocable as any").when(new RevokeKey(alice, 0)).expect(ok)
                        .then(w -> {
                            Key k = w.ledger.keys().key(alice);
                            assertThat(k).isEqualTo(new Key(alice, Role.user, alice, 0, 1, 2, 3, 4,
                                    KeyCommands.ownTokenLabel, 0, k.createdAt(), w.now - LedgerWorld.batchSpacingNs));
                            assertThat(k.activeAt(w.now)).isFalse();
                            assertThat(w.ledger.user(alice).timestamp()).isEqualTo(k.createdAt());
                        }),
                row("a revoke never extends an earlier one; an earlier time cuts a grace short")
                        .given(w -> w.applyAllOk(key(key1, Role.user, alice), new RevokeKey(key1, w.now + 5_000_000_000L)))
                        .when(new RevokeKey(key1, LedgerWorld.t0 * 2), new RevokeKey(key1, 0))
                        .expect(ok, ok)
                        .then(w -> assertThat(w.ledger.keys().key(key1).revokedAt())
                                .isEqualTo(w.now - LedgerWorld.batchSpacingNs + 1)),
                row("revoking a key that does not exist").when(new RevokeKey(key1, 0), new RevokeKey(0, 0))
                        .expect(key_not_found, id_must_not_be_zero),
                row("a user may not take a key's id").given(w -> w.applyAllOk(key(key1, Role.user, alice)))
                        .when(new CreateUser(key1, Ids.compose(homeSlot, first + 85), cny, 1, 2, 3, 4))
                        .expect(exists_with_different_fields));
    }
}
