package io.atta.engine.ledger;

import static io.atta.engine.ledger.ResultRow.row;
import static io.atta.engine.ledger.LedgerWorld.alice;
import static io.atta.engine.ledger.LedgerWorld.aliceClosed;
import static io.atta.engine.ledger.LedgerWorld.alicePlain;
import static io.atta.engine.ledger.LedgerWorld.aliceUsd;
import static io.atta.engine.ledger.LedgerWorld.aliceWallet;
import static io.atta.engine.ledger.LedgerWorld.bank;
import static io.atta.engine.ledger.LedgerWorld.bob;
import static io.atta.engine.ledger.LedgerWorld.bobCapped;
import static io.atta.engine.ledger.LedgerWorld.bobWallet;
import static io.atta.engine.ledger.LedgerWorld.cny;
import static io.atta.engine.ledger.LedgerWorld.foreignAccount;
import static io.atta.engine.ledger.LedgerWorld.foreignSlot;
import static io.atta.engine.ledger.LedgerWorld.foreignUser;
import static io.atta.engine.ledger.LedgerWorld.homeSlot;
import static io.atta.engine.ledger.LedgerWorld.otherSlot;
import static io.atta.engine.ledger.LedgerWorld.pendingOnClosed;
import static io.atta.engine.ledger.LedgerWorld.pendingOpen;
import static io.atta.engine.ledger.LedgerWorld.pendingPosted;
import static io.atta.engine.ledger.LedgerWorld.pendingTimed;
import static io.atta.engine.ledger.LedgerWorld.pendingTimedTimeoutSeconds;
import static io.atta.engine.ledger.LedgerWorld.pendingVoided;
import static io.atta.engine.ledger.LedgerWorld.postDone;
import static io.atta.engine.ledger.LedgerWorld.topUp;
import static io.atta.engine.ledger.LedgerWorld.usd;
import static io.atta.engine.ledger.LedgerWorld.voidDone;
import static io.atta.engine.ledger.TransferBuilder.pending;
import static io.atta.engine.ledger.TransferBuilder.post;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static io.atta.engine.ledger.TransferBuilder.voidPending;
import static io.atta.core.command.Result.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.AccountFlags;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;
import io.atta.core.command.Tick;
import java.util.HashSet;
import java.util.stream.Collectors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every result the ledger can give, one row per situation: the row's batch is applied to a
 * fresh {@link LedgerWorld} and both the per-item results and every account's balances are
 * checked. Accounts a row does not list must not change at all; a batch refused as a whole
 * must also leave transfer records, open pending transfers, users and accounts untouched.
 */
class ShardLedgerResultTableTest {
    private static final long first = Ids.firstUserLocalId;
    static final long unknownAccount = Ids.compose(homeSlot, first + 99);
    private static final long newAccount = Ids.compose(homeSlot, first + 50);
    private static final long carol = Ids.compose(homeSlot, first + 20);
    private static final long carolWallet = Ids.compose(homeSlot, first + 21);
    static final long t1 = 2001;
    static final long t2 = 2002;
    static final long t3 = 2003;
    static final long available = 8_400;
    /** A transfer id in the one slot the world's shard does not own. */
    private static final long foreignSlotId = Ids.compose(foreignSlot, 7_001);

    static Stream<ResultRow> rows() {
        return Stream.of(transferRows(), twoPhaseRows(), limitRows(), linkedRows(), accountRows(), userRows(),
                closeRows(), TransactionResultRows.rows(), TrustResultRows.rows()).flatMap(List::stream);
    }

    private static List<ResultRow> transferRows() {
        return List.of(
                row("plain transfer moves posted balances").when(transfer(t1, aliceWallet, bobWallet, 250))
                        .expect(ok).delta(aliceWallet, 0, 250, 0, 0).delta(bobWallet, 0, 0, 0, 250)
                        .then(w -> assertThat(w.store.get(t1).status()).isEqualTo(PendingStatus.none)),
                row("retry with the same content moves nothing")
                        .when(transfer(topUp, bank, aliceWallet, 10_000)).expect(exists),
                row("same id, other amount").when(transfer(topUp, bank, aliceWallet, 10_001))
                        .expect(exists_with_different_fields),
                row("same id, other user_data, code, accounts or flags").when(
                        transfer(topUp, bank, aliceWallet, 10_000).userData(9),
                        transfer(topUp, bank, aliceWallet, 10_000).code(2),
                        transfer(topUp, bank, bobWallet, 10_000),
                        pending(topUp, bank, aliceWallet, 10_000, 0))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields),
                row("a pending transfer's id reused without the pending flag")
                        .when(transfer(pendingOpen, aliceWallet, bobWallet, 1_000).code(7))
                        .expect(exists_with_different_fields),
                row("id zero").when(transfer(0, aliceWallet, bobWallet, 1)).expect(id_must_not_be_zero),
                row("negative ids and pending ids in the platform's range are the platform's own: no command "
                        + "names one, as id or pending id").when(transfer(-5, aliceWallet, bobWallet, 1), post(t1, -5, 0),
                                voidPending(t2, Ids.platformId(homeSlot, pendingOpen)))
                        .expect(transfer_id_reserved, transfer_id_reserved, transfer_id_reserved),
                row("an id in a slot this shard does not own, whatever the transfer").when(
                                transfer(foreignSlotId, aliceWallet, bobWallet, 1),
                                pending(foreignSlotId + 1, aliceWallet, bobWallet, 1, 0),
                                post(foreignSlotId + 2, pendingOpen, 0), transfer(0, aliceWallet, bobWallet, 1))
                        .expect(transfer_id_not_in_shard_slot, transfer_id_not_in_shard_slot,
                                transfer_id_not_in_shard_slot, id_must_not_be_zero),
                row("an id in any slot this shard owns, not only its accounts' slot")
                        .when(transfer(Ids.compose(otherSlot, 7), aliceWallet, bank, 3))
                        .expect(ok).delta(aliceWallet, 0, 3, 0, 0).delta(bank, 0, 0, 0, 3),
                row("unknown flag bit").when(transfer(t1, aliceWallet, bobWallet, 1).flags(1 << 4))
                        .expect(flags_unknown),
                row("two of pending, post, void").when(
                        transfer(t1, aliceWallet, bobWallet, 1)
                                .flags(TransferFlags.pending | TransferFlags.postPending).pendingId(pendingOpen),
                        post(t2, pendingOpen, 0).flags(TransferFlags.postPending | TransferFlags.voidPending))
                        .expect(flags_are_mutually_exclusive, flags_are_mutually_exclusive),
                row("code zero").when(transfer(t1, aliceWallet, bobWallet, 1).code(0))
                        .expect(code_must_not_be_zero),
                row("debit account zero").when(transfer(t1, 0, bobWallet, 1))
                        .expect(debit_account_id_must_not_be_zero),
                row("credit account zero").when(transfer(t1, aliceWallet, 0, 1))
                        .expect(credit_account_id_must_not_be_zero),
                row("same account on both sides").when(transfer(t1, aliceWallet, aliceWallet, 1))
                        .expect(accounts_must_be_different),
                row("zero or negative amount").when(transfer(t1, aliceWallet, bobWallet, 0),
                                transfer(t2, bank, bobWallet, -5), pending(t3, aliceWallet, bobWallet, 0, 0))
                        .expect(amount_must_not_be_zero, amount_must_not_be_zero, amount_must_not_be_zero),
                row("pending id on a plain transfer")
                        .when(transfer(t1, aliceWallet, bobWallet, 1).pendingId(pendingOpen))
                        .expect(pending_id_must_be_zero),
                row("timeout on anything but a pending transfer, or negative").when(
                                transfer(t1, aliceWallet, bobWallet, 1).timeout(5),
                                post(t2, pendingOpen, 0).timeout(5),
                                pending(t3, aliceWallet, bobWallet, 1, -1))
                        .expect(timeout_reserved_for_pending_transfer, timeout_reserved_for_pending_transfer,
                                timeout_reserved_for_pending_transfer),
                row("timeout over 30 days")
                        .when(pending(t1, aliceWallet, bobWallet, 1, Limits.maxTimeoutSeconds + 1))
                        .expect(timeout_too_large),
                row("unknown account on either side").when(transfer(t1, aliceWallet, unknownAccount, 1),
                                transfer(t2, Ids.compose(otherSlot, first + 99), bobWallet, 1))
                        .expect(account_not_found, account_not_found),
                row("accounts of different currencies, or a transfer in another currency").when(
                                transfer(t1, aliceWallet, aliceUsd, 1),
                                transfer(t2, aliceWallet, bobWallet, 1).ledger(usd),
                                transfer(t3, bank, aliceUsd, 1).ledger(usd))
                        .expect(currency_mismatch, currency_mismatch, currency_mismatch),
                row("either account on a slot this shard does not serve").when(
                                transfer(t1, aliceWallet, foreignAccount, 1),
                                transfer(t2, foreignAccount, aliceWallet, 1))
                        .expect(accounts_on_different_shards, accounts_on_different_shards),
                row("a user debiting another user's account").when(
                                transfer(t1, aliceWallet, bobWallet, 1).actingUser(bob),
                                post(t2, pendingOpen, 0).actingUser(bob),
                                voidPending(t3, pendingOpen).actingUser(bob))
                        .expect(debit_account_not_owned, debit_account_not_owned, debit_account_not_owned),
                row("another user repeating a stored transfer's exact request learns nothing of it").when(
                                pending(pendingOpen, aliceWallet, bobWallet, 1_000, 0).code(7).actingUser(bob),
                                pending(pendingOpen, aliceWallet, bobWallet, 1_000, 0).code(7).actingUser(alice))
                        .expect(debit_account_not_owned, exists),
                row("a user debiting its own account, crediting another's").when(
                                transfer(t1, aliceWallet, bobWallet, 40).actingUser(alice),
                                transfer(t2, bobWallet, aliceWallet, 100).actingUser(bob),
                                post(t3, pendingOpen, 0).actingUser(alice))
                        .expect(ok, ok, ok)
                        .delta(aliceWallet, -1_000, 1_040, 0, 100).delta(bobWallet, 0, 100, -1_000, 1_040),
                row("transfers touching a closed account").when(transfer(t1, aliceWallet, aliceClosed, 1),
                                transfer(t2, aliceClosed, bobWallet, 1), post(t3, pendingOnClosed, 0))
                        .expect(account_closed, account_closed, account_closed),
                row("a closed account's pending transfer can still be voided")
                        .when(voidPending(t1, pendingOnClosed)).expect(ok)
                        .delta(aliceClosed, -200, 0, 0, 0).delta(bobWallet, 0, 0, -200, 0),
                row("a tick with nothing due").when(Tick.instance).expect(ok));
    }

    private static List<ResultRow> twoPhaseRows() {
        return List.of(
                row("pending reserves without posting").when(pending(t1, aliceWallet, bobWallet, 400, 0))
                        .expect(ok).delta(aliceWallet, 400, 0, 0, 0).delta(bobWallet, 0, 0, 400, 0)
                        .then(w -> assertThat(w.ledger.openPendingTransfer(t1)).isNotNull()),
                row("pending with the longest timeout")
                        .when(pending(t1, aliceWallet, bobWallet, 400, Limits.maxTimeoutSeconds))
                        .expect(ok).delta(aliceWallet, 400, 0, 0, 0).delta(bobWallet, 0, 0, 400, 0),
                row("post with zero amount posts the full pending amount").when(post(t1, pendingOpen, 0))
                        .expect(ok).delta(aliceWallet, -1_000, 1_000, 0, 0).delta(bobWallet, 0, 0, -1_000, 1_000)
                        .then(w -> {
                            assertThat(w.store.get(pendingOpen).status()).isEqualTo(PendingStatus.posted);
                            assertThat(w.store.get(t1).amount()).isEqualTo(1_000);
                            assertThat(w.store.get(t1).code()).as("code taken from the pending").isEqualTo(7);
                            assertThat(w.ledger.openPendingTransfer(pendingOpen)).isNull();
                        }),
                row("partial post releases the remainder").when(post(t1, pendingOpen, 300))
                        .expect(ok).delta(aliceWallet, -1_000, 300, 0, 0).delta(bobWallet, 0, 0, -1_000, 300)
                        .then(w -> assertThat(w.store.get(t1).amount()).isEqualTo(300)),
                row("post naming the pending's accounts, ledger and full amount").when(
                                post(t1, pendingOpen, 1_000).debit(aliceWallet).credit(bobWallet).ledger(cny))
                        .expect(ok).delta(aliceWallet, -1_000, 1_000, 0, 0).delta(bobWallet, 0, 0, -1_000, 1_000),
                row("void releases the reservation").when(voidPending(t1, pendingOpen))
                        .expect(ok).delta(aliceWallet, -1_000, 0, 0, 0).delta(bobWallet, 0, 0, -1_000, 0)
                        .then(w -> assertThat(w.store.get(pendingOpen).status()).isEqualTo(PendingStatus.voided)),
                row("void naming the pending amount").when(voidPending(t1, pendingOpen).amount(1_000))
                        .expect(ok).delta(aliceWallet, -1_000, 0, 0, 0).delta(bobWallet, 0, 0, -1_000, 0),
                row("retried post and void with wildcard fields").when(post(postDone, pendingPosted, 0),
                                voidPending(voidDone, pendingVoided))
                        .expect(exists, exists),
                row("retried post and void with other content").when(post(postDone, pendingPosted, 50),
                                post(voidDone, pendingVoided, 0), voidPending(postDone, pendingPosted).userData(3))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields),
                row("resolving a posted pending again")
                        .when(post(t1, pendingPosted, 0), voidPending(t2, pendingPosted))
                        .expect(pending_already_posted, pending_already_posted),
                row("resolving a voided pending again")
                        .when(post(t1, pendingVoided, 0), voidPending(t2, pendingVoided))
                        .expect(pending_already_voided, pending_already_voided),
                row("resolving an unknown pending").when(post(t1, 424_242, 0), voidPending(t2, 424_242))
                        .expect(pending_not_found, pending_not_found),
                row("resolving a transfer that was not pending")
                        .when(post(t1, topUp, 0), voidPending(t2, postDone))
                        .expect(pending_transfer_not_pending, pending_transfer_not_pending),
                row("resolving with other accounts than the pending's").when(
                                post(t1, pendingOpen, 0).debit(bobWallet), voidPending(t2, pendingOpen).credit(alicePlain))
                        .expect(pending_account_mismatch, pending_account_mismatch),
                row("resolving in another currency").when(post(t1, pendingOpen, 0).ledger(usd))
                        .expect(currency_mismatch),
                row("post of more than is pending, or a negative amount")
                        .when(post(t1, pendingOpen, 1_001), post(t2, pendingOpen, -1))
                        .expect(exceeds_pending_amount, exceeds_pending_amount),
                row("void of another amount than is pending").when(voidPending(t1, pendingOpen).amount(999),
                                voidPending(t2, pendingOpen).amount(1_001))
                        .expect(void_amount_must_match_pending, void_amount_must_match_pending),
                row("post or void without a pending id").when(post(t1, 0, 0), voidPending(t2, 0))
                        .expect(pending_id_must_not_be_zero, pending_id_must_not_be_zero),
                row("post just before the timeout").given(w -> w.advanceSeconds(pendingTimedTimeoutSeconds - 1))
                        .when(post(t1, pendingTimed, 0)).expect(ok)
                        .delta(aliceWallet, -500, 500, 0, 0).delta(bobWallet, 0, 0, -500, 500),
                row("tick before the timeout changes nothing")
                        .given(w -> w.advanceSeconds(pendingTimedTimeoutSeconds - 1)).when(Tick.instance).expect(ok)
                        .then(w -> assertThat(w.ledger.openPendingTransfer(pendingTimed)).isNotNull()),
                row("post or void after the timeout, before the tick: expired, still reserved")
                        .given(w -> w.advanceSeconds(pendingTimedTimeoutSeconds + 1))
                        .when(post(t1, pendingTimed, 0), voidPending(t2, pendingTimed))
                        .expect(pending_expired, pending_expired)
                        .then(w -> assertThat(w.store.get(pendingTimed).status()).isEqualTo(PendingStatus.pending)),
                row("the tick after the timeout releases the reservation")
                        .given(w -> w.advanceSeconds(pendingTimedTimeoutSeconds + 1)).when(Tick.instance).expect(ok)
                        .delta(aliceWallet, -500, 0, 0, 0).delta(bobWallet, 0, 0, -500, 0)
                        .then(w -> {
                            assertThat(w.store.get(pendingTimed).status()).isEqualTo(PendingStatus.expired);
                            assertThat(w.ledger.openPendingTransfer(pendingTimed)).isNull();
                            assertThat(w.ledger.openPendingTransfer(pendingOpen)).as("no timeout").isNotNull();
                        }),
                row("post or void after the tick expired it").given(w -> {
                            w.advanceSeconds(pendingTimedTimeoutSeconds + 1);
                            w.applyAllOk(Tick.instance);
                        })
                        .when(post(t1, pendingTimed, 0), voidPending(t2, pendingTimed))
                        .expect(pending_expired, pending_expired),
                row("the expiring tick and a post of the same pending in one batch")
                        .given(w -> w.advanceSeconds(pendingTimedTimeoutSeconds + 1))
                        .when(Tick.instance, post(t1, pendingTimed, 0)).expect(ok, pending_expired)
                        .delta(aliceWallet, -500, 0, 0, 0).delta(bobWallet, 0, 0, -500, 0));
    }

    private static List<ResultRow> limitRows() {
        long nearMax = Long.MAX_VALUE - 11_000 - 5;
        Consumer<LedgerWorld> bankNearMax = w -> w.applyAllOk(transfer(1999, bank, alicePlain, nearMax).build());
        return List.of(
                row("spending exactly the available balance").when(transfer(t1, aliceWallet, bobWallet, available))
                        .expect(ok).delta(aliceWallet, 0, available, 0, 0).delta(bobWallet, 0, 0, 0, available),
                row("spending more than the available balance, posted or pending").when(
                                transfer(t1, aliceWallet, bobWallet, available + 1),
                                pending(t2, aliceWallet, bobWallet, available + 1, 0))
                        .expect(insufficient_funds, insufficient_funds),
                row("crediting a capped account up to its debits").when(transfer(t1, bank, bobCapped, 300))
                        .expect(ok).delta(bank, 0, 300, 0, 0).delta(bobCapped, 0, 0, 0, 300),
                row("crediting a capped account beyond its debits").when(transfer(t1, bank, bobCapped, 301),
                                pending(t2, bank, bobCapped, 301, 0))
                        .expect(exceeds_debits, exceeds_debits),
                row("debits or credits reaching exactly Long.MAX_VALUE").given(bankNearMax)
                        .when(transfer(t1, bank, bobWallet, 5), transfer(t2, alicePlain, aliceWallet, 1),
                                transfer(t3, bobCapped, alicePlain, 11_005))
                        .expect(ok, ok, ok)
                        .delta(bank, 0, 5, 0, 0).delta(bobWallet, 0, 0, 0, 5)
                        .delta(alicePlain, 0, 1, 0, 11_005).delta(aliceWallet, 0, 0, 0, 1)
                        .delta(bobCapped, 0, 11_005, 0, 0)
                        .then(w -> {
                            assertThat(w.account(bank).debitsPosted()).isEqualTo(Long.MAX_VALUE);
                            assertThat(w.account(alicePlain).creditsPosted()).isEqualTo(Long.MAX_VALUE);
                        }),
                row("debits or credits beyond Long.MAX_VALUE, posted or pending (before the funds check)")
                        .given(bankNearMax)
                        .when(transfer(t1, bank, bobWallet, 6), pending(t2, bank, bobWallet, 6, 0),
                                transfer(t3, bobCapped, alicePlain, 11_006),
                                pending(2004, bobCapped, alicePlain, 11_006, 0),
                                transfer(2005, aliceWallet, alicePlain, 11_006),
                                transfer(2006, bank, bobWallet, Long.MAX_VALUE))
                        .expect(overflow, overflow, overflow, overflow, overflow, overflow));
    }

    private static List<ResultRow> linkedRows() {
        return List.of(
                row("a linked chain succeeds together").when(
                                pending(t1, aliceWallet, bobWallet, 50, 0).linked(), post(t2, t1, 0).linked(),
                                transfer(t3, bank, alicePlain, 70))
                        .expect(ok, ok, ok)
                        .delta(aliceWallet, 0, 50, 0, 0).delta(bobWallet, 0, 0, 0, 50)
                        .delta(bank, 0, 70, 0, 0).delta(alicePlain, 0, 0, 0, 70)
                        .then(w -> assertThat(w.store.get(t1).status()).isEqualTo(PendingStatus.posted)),
                row("a failing last link rolls the whole chain back").when(
                                transfer(t1, bank, alicePlain, 70).linked(), post(t2, pendingOpen, 0).linked(),
                                transfer(t3, aliceWallet, bobWallet, available + 1))
                        .expect(linked_event_failed, linked_event_failed, insufficient_funds)
                        .then(w -> {
                            assertThat(w.ledger.openPendingTransfer(pendingOpen)).isNotNull();
                            assertThat(w.store.get(pendingOpen).status()).isEqualTo(PendingStatus.pending);
                        }),
                row("a failing middle link: the failure has its own result, the rest linked_event_failed").when(
                                transfer(t1, bank, alicePlain, 70).linked(),
                                transfer(t2, bank, alicePlain, 0).linked(), transfer(t3, bank, alicePlain, 5))
                        .expect(linked_event_failed, amount_must_not_be_zero, linked_event_failed),
                row("retrying a whole chain: the first link exists, so the chain fails and moves nothing")
                        .given(w -> w.applyAllOk(transfer(t1, bank, alicePlain, 70).linked().build(),
                                transfer(t2, bank, alicePlain, 5).build()))
                        .when(transfer(t1, bank, alicePlain, 70).linked(), transfer(t2, bank, alicePlain, 5))
                        .expect(exists, linked_event_failed),
                row("the linked flag is part of a transfer's content").when(
                                transfer(topUp, bank, aliceWallet, 10_000).linked(), transfer(t1, bank, alicePlain, 70))
                        .expect(exists_with_different_fields, linked_event_failed),
                row("a failed chain does not stop the next transfer").when(
                                transfer(t1, bank, alicePlain, 70).linked(),
                                transfer(t2, aliceWallet, foreignAccount, 1), transfer(t3, bank, alicePlain, 5))
                        .expect(linked_event_failed, accounts_on_different_shards, ok)
                        .delta(bank, 0, 5, 0, 0).delta(alicePlain, 0, 0, 0, 5),
                row("a batch ending inside a chain").when(transfer(t1, bank, alicePlain, 70).linked(),
                                transfer(t2, bank, alicePlain, 5).linked())
                        .expect(linked_event_failed, linked_event_chain_open),
                row("a batch of one linked transfer").when(transfer(t1, bank, alicePlain, 70).linked())
                        .expect(linked_event_chain_open),
                row("a chain cut by another kind of command is open")
                        .when(transfer(t1, bank, alicePlain, 70).linked(), Tick.instance,
                                transfer(t2, bank, alicePlain, 5))
                        .expect(linked_event_chain_open, ok, ok)
                        .delta(bank, 0, 5, 0, 0).delta(alicePlain, 0, 0, 0, 5));
    }

    private static List<ResultRow> accountRows() {
        return List.of(
                row("create an account").when(
                                new CreateAccount(newAccount, alice, cny, 10, AccountFlags.debitsMustNotExceedCredits, 5))
                        .expect(ok).creates(newAccount)
                        .then(w -> {
                            AccountState a = w.account(newAccount);
                            assertThat(a.ownerUserId()).isEqualTo(alice);
                            assertThat(a.ledger()).isEqualTo(cny);
                            assertThat(a.code()).isEqualTo(10);
                            assertThat(a.flags()).isEqualTo(AccountFlags.debitsMustNotExceedCredits);
                            assertThat(a.userData()).isEqualTo(5);
                            assertThat(a.timestamp()).isEqualTo(w.now - LedgerWorld.batchSpacingNs);
                        }),
                row("create the same account again, also after it was closed").when(
                                new CreateAccount(aliceUsd, alice, usd, 10, 0, 0),
                                new CreateAccount(aliceClosed, alice, cny, 10, 0, 0),
                                new CreateAccount(bobCapped, bob, cny, 10, AccountFlags.creditsMustNotExceedDebits, 77))
                        .expect(exists, exists, exists),
                row("an existing account id with other fields").when(
                                new CreateAccount(aliceUsd, alice, usd, 11, 0, 0),
                                new CreateAccount(aliceUsd, alice, cny, 10, 0, 0),
                                new CreateAccount(aliceUsd, alice, usd, 10, AccountFlags.history, 0),
                                new CreateAccount(bobCapped, bob, cny, 10, AccountFlags.creditsMustNotExceedDebits, 78),
                                new CreateAccount(aliceWallet, bob, cny, 1,
                                        AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields),
                row("account id zero").when(new CreateAccount(0, alice, cny, 10, 0, 0)).expect(id_must_not_be_zero),
                row("account flags a client may not set").when(
                                new CreateAccount(newAccount, alice, cny, 10, AccountFlags.closed, 0),
                                new CreateAccount(newAccount, alice, cny, 10, 1 << 5, 0))
                        .expect(flags_unknown, flags_unknown),
                row("both balance limits").when(new CreateAccount(newAccount, alice, cny, 10,
                                AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits, 0))
                        .expect(flags_are_mutually_exclusive),
                row("account code zero").when(new CreateAccount(newAccount, alice, cny, 0, 0, 0))
                        .expect(code_must_not_be_zero),
                row("account id in the house range").when(
                                new CreateAccount(Ids.compose(homeSlot, 77), alice, cny, 10, 0, 0))
                        .expect(account_id_reserved),
                row("account id outside its owner's slot").when(
                                new CreateAccount(Ids.compose(otherSlot, first + 50), alice, cny, 10, 0, 0))
                        .expect(account_id_not_in_owner_slot),
                row("account on a slot this shard does not serve").when(
                                new CreateAccount(Ids.compose(foreignSlot, first + 50), foreignUser, cny, 10, 0, 0))
                        .expect(accounts_on_different_shards),
                row("account of an unknown user").when(
                                new CreateAccount(newAccount, Ids.compose(homeSlot, first + 60), cny, 10, 0, 0))
                        .expect(user_not_found),
                row("account in an unknown currency").when(new CreateAccount(newAccount, alice, 999, 10, 0, 0))
                        .expect(currency_mismatch));
    }

    private static List<ResultRow> userRows() {
        return List.of(
                row("create a user with its wallet").when(new CreateUser(carol, carolWallet, usd, 1, 2, 3, 4))
                        .expect(ok).creates(carolWallet)
                        .then(w -> {
                            assertThat(w.ledger.user(carol).walletAccountId()).isEqualTo(carolWallet);
                            AccountState a = w.account(carolWallet);
                            assertThat(a.ownerUserId()).isEqualTo(carol);
                            assertThat(a.ledger()).isEqualTo(usd);
                            assertThat(a.flags() & AccountFlags.debitsMustNotExceedCredits).isNotZero();
                        }),
                row("a user that exists").when(new CreateUser(alice, carolWallet, cny, 1, 2, 3, 4))
                        .expect(user_exists),
                row("a new user whose wallet id is taken").when(new CreateUser(carol, aliceUsd, cny, 1, 2, 3, 4))
                        .expect(exists_with_different_fields),
                row("user or wallet id zero").when(new CreateUser(0, carolWallet, cny, 1, 2, 3, 4),
                                new CreateUser(carol, 0, cny, 1, 2, 3, 4))
                        .expect(id_must_not_be_zero, id_must_not_be_zero),
                row("user or wallet id in the house range").when(
                                new CreateUser(Ids.compose(homeSlot, 5), carolWallet, cny, 1, 2, 3, 4),
                                new CreateUser(carol, Ids.compose(homeSlot, 6), cny, 1, 2, 3, 4))
                        .expect(account_id_reserved, account_id_reserved),
                row("wallet outside the user's slot").when(
                                new CreateUser(carol, Ids.compose(otherSlot, first + 21), cny, 1, 2, 3, 4))
                        .expect(account_id_not_in_owner_slot),
                row("user on a slot this shard does not serve")
                        .when(new CreateUser(foreignUser, foreignAccount, cny, 1, 2, 3, 4))
                        .expect(accounts_on_different_shards),
                row("user with a wallet in an unknown currency")
                        .when(new CreateUser(carol, carolWallet, 1, 1, 2, 3, 4)).expect(currency_mismatch));
    }

    private static List<ResultRow> closeRows() {
        return List.of(
                row("the owner closes an empty account; it takes no new transfer")
                        .when(new CloseAccount(alicePlain, alice), transfer(t1, bank, alicePlain, 1))
                        .expect(ok, account_closed).closes(alicePlain),
                row("the platform closes an account whose money all went out again")
                        .given(w -> w.applyAllOk(transfer(t1, bank, alicePlain, 40).build(),
                                transfer(t2, alicePlain, bank, 40).build()))
                        .when(new CloseAccount(alicePlain, 0)).expect(ok).closes(alicePlain),
                row("an account with a posted balance, either way").when(new CloseAccount(aliceUsd, alice),
                                new CloseAccount(bobCapped, 0))
                        .expect(account_has_balance, account_has_balance),
                row("an account with amounts pending, out or in, balance or not").when(
                                new CloseAccount(aliceWallet, alice), new CloseAccount(bobWallet, bob))
                        .expect(account_has_pending, account_has_pending),
                row("an account that takes a pending transfer after its balance went to zero")
                        .given(w -> w.applyAllOk(pending(t1, aliceWallet, alicePlain, 10, 0).build()))
                        .when(new CloseAccount(alicePlain, alice)).expect(account_has_pending),
                row("a merchant's settlement account, before anything else is asked")
                        .given(w -> w.applyAllOk(new CreateMerchant(alice, aliceUsd, 0, "Tea", "", "")))
                        .when(new CloseAccount(aliceUsd, alice), new CloseAccount(aliceUsd, 0))
                        .expect(account_in_use, account_in_use),
                row("closing an unknown account").when(new CloseAccount(unknownAccount, 0))
                        .expect(account_not_found),
                row("closing another user's account").when(new CloseAccount(alicePlain, bob))
                        .expect(account_not_owned),
                row("closing a closed account").when(new CloseAccount(aliceClosed, alice))
                        .expect(account_already_closed),
                row("the platform's own accounts stay open, even for the platform").when(new CloseAccount(bank, 0))
                        .expect(account_platform_owned),
                row("expiry releases the reservation of an account closed before the close rules").given(w -> {
                            w.applyAllOk(pending(t1, aliceWallet, alicePlain, 10, 5).build());
                            w.closedBeforeCloseRules(alicePlain);
                        })
                        .when(Tick.instance, post(t2, t1, 0)).expect(ok, account_closed)
                        .then(w -> {
                            w.advanceSeconds(6);
                            assertThat(w.apply(Tick.instance)).containsExactly(ok);
                            assertThat(w.account(alicePlain).creditsPending()).isZero();
                            assertThat(w.account(aliceWallet).debitsPending()).isEqualTo(1_500);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rowHolds(ResultRow row) {
        LedgerWorld w = LedgerWorld.build();
        row.given.accept(w);
        Map<Long, AccountState> before = w.accountsById();
        Map<Long, TransferRecord> recordsBefore = new HashMap<>();
        for (Command c : row.batch) {
            if (c instanceof CreateTransfer t) {
                recordsBefore.put(t.id(), w.store.get(t.id()));
            }
        }
        int storeSize = w.store.size();
        int openPending = w.ledger.openPendingCount();
        int users = w.ledger.userCount();
        long header = w.now;

        Result[] results = w.apply(row.batch);

        assertThat(results).as("results").containsExactly(row.expected);
        Map<Long, AccountState> after = w.accountsById();
        assertThat(after.keySet()).as("accounts").containsAll(before.keySet());
        Set<Long> created = new TreeSet<>(after.keySet());
        created.removeAll(before.keySet());
        assertThat(created).as("accounts created").containsExactlyElementsOf(row.created);
        for (long id : created) {
            assertBalances(after.get(id), 0, 0, 0, 0);
        }
        for (AccountState b : before.values()) {
            ResultRow.Delta d = row.deltas.stream().filter(x -> x.account() == b.id()).findFirst()
                    .orElse(new ResultRow.Delta(b.id(), 0, 0, 0, 0));
            AccountState a = after.get(b.id());
            assertBalances(a, b.debitsPending() + d.dp(), b.debitsPosted() + d.dpo(), b.creditsPending() + d.cp(),
                    b.creditsPosted() + d.cpo());
            int flags = row.closed.contains(b.id()) ? b.flags() | AccountFlags.closed
                    : row.reopened.contains(b.id()) ? b.flags() & ~AccountFlags.closed : b.flags();
            assertThat(a.flags()).as("flags of %d", b.id()).isEqualTo(flags);
        }
        for (int i = 0; i < row.batch.length; i++) {
            if (row.batch[i] instanceof CreateTransfer t) {
                if (results[i] == ok) {
                    assertThat(w.store.get(t.id())).as("record of %d", t.id()).isNotNull()
                            .extracting(TransferRecord::timestamp).isEqualTo(header + i);
                } else {
                    assertThat(w.store.get(t.id())).as("record of refused %d", t.id())
                            .isSameAs(recordsBefore.get(t.id()));
                }
            }
        }
        if (Arrays.stream(results).noneMatch(r -> r == ok) && !row.decision) {
            assertThat(w.store.size()).as("transfer records").isEqualTo(storeSize);
            assertThat(w.ledger.openPendingCount()).as("open pending transfers").isEqualTo(openPending);
            assertThat(w.ledger.userCount()).as("users").isEqualTo(users);
        }
        w.assertBalanced();
        row.then.accept(w);
    }

    private static void assertBalances(AccountState a, long dp, long dpo, long cp, long cpo) {
        assertThat(new long[] {a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted()})
                .as("balances (debits pending, debits posted, credits pending, credits posted) of %d", a.id())
                .containsExactly(dp, dpo, cp, cpo);
    }

    @Test
    void theTableCoversEveryResult() {
        Set<Result> covered = new HashSet<>();
        rows().forEach(r -> covered.addAll(Arrays.asList(r.expected)));
        // Merchant and trade results come from trade commands, and closing a wallet with open trades
        // needs trades: the trade tests cover those (TradeRulesTest).
        covered.addAll(Result.all().stream()
                        .filter(r -> r.code() >= Result.merchant_not_found.code() && r.code() <= Result.notification_not_found.code())
                        .collect(Collectors.toCollection(HashSet::new)));
        covered.addAll(Set.of(Result.app_id_not_in_merchant_slot, Result.refund_window_ended,
                Result.buyer_is_seller, Result.account_has_open_trades));

        assertThat(Result.all().stream().filter(r -> ResultRange.core.contains(r.code()) && !covered.contains(r)))
                .as("results without a row").isEmpty();
    }

    @Test
    void theWorldIsWhatTheTableAssumes() {
        LedgerWorld w = LedgerWorld.build();

        assertBalances(w.account(aliceWallet), 1_500, 100, 0, 10_000);
        assertThat(w.account(aliceWallet).available()).isEqualTo(available);
        assertBalances(w.account(bobWallet), 0, 0, 1_700, 100);
        assertBalances(w.account(aliceClosed), 200, 0, 0, 1_000);
        assertBalances(w.account(bobCapped), 0, 300, 0, 0);
        assertBalances(w.account(bank), 0, 11_000, 0, 300);
        assertThat(w.account(aliceClosed).flags() & AccountFlags.closed).isNotZero();
        assertThat(w.ledger.openPendingCount()).isEqualTo(3);
        assertThat(Ids.slotOf(foreignAccount)).isEqualTo(foreignSlot);
        w.assertBalanced();
    }
}
