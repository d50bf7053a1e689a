package io.atta.server.users;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.User;
import io.atta.server.auth.Caller;
import io.atta.server.auth.UserTokens;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Users: create (with wallet and token), read, top up and withdraw (docs/API.md, Users). */
public final class UserApi {
    /** How often a user is drawn again when its random ids are taken. */
    static final int maxCreateAttempts = 8;
    private static final Set<String> createFields = Set.of("currency");
    private static final Set<String> moneyFields = Set.of("amount", "currency", "request_id");

    private final ServerLedger ledger;
    private final SecureRandom random = new SecureRandom();

    public UserApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    public CompletableFuture<Reply> create(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may create users", null);
        }
        Fields body = Fields.of(Json.object(call.body(), true), "", createFields);
        Currency currency = body.has("currency") ? body.currency("currency") : Currency.CNY;
        return create(currency, 1);
    }

    private CompletableFuture<Reply> create(Currency currency, int attempt) {
        int slot = random.nextInt(Ids.slotCount);
        long userId = randomId(slot);
        long walletId = randomId(slot);
        String token = UserTokens.issue(userId, random);
        long[] h = UserTokens.words(UserTokens.sha256(token));
        CreateUser command = new CreateUser(userId, walletId, currency.ledger(), h[0], h[1], h[2], h[3]);
        return ledger.submit(ledger.shardOf(userId), new Command[] {command}).thenCompose(rs -> {
            Result r = rs[0];
            if (r == Result.ok) {
                return CompletableFuture.completedFuture(Reply.object(201, g -> {
                    g.writeStringField("user_id", Long.toString(userId));
                    g.writeStringField("token", token);
                    g.writeStringField("wallet_account_id", Long.toString(walletId));
                }));
            }
            // A random id that is taken: draw again (the ledger refused it, so nothing changed).
            if ((r == Result.user_exists || r == Result.exists_with_different_fields) && attempt < maxCreateAttempts) {
                return create(currency, attempt + 1);
            }
            throw new IllegalStateException("creating a user failed: " + r.apiName());
        });
    }

    private long randomId(int slot) {
        long span = Ids.localMask + 1 - Ids.firstUserLocalId;
        return Ids.compose(slot, Ids.firstUserLocalId + (random.nextLong() & Long.MAX_VALUE) % span);
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        return user(call.caller(), id).thenApply(u -> Reply.ok(g -> {
            g.writeStringField("user_id", Long.toString(u.id()));
            g.writeStringField("wallet_account_id", Long.toString(u.walletAccountId()));
            g.writeStringField("created_at", ValueText.instant(u.timestamp()));
        }));
    }

    /** Money from the shard's bank-funding house account into the user's wallet. */
    public CompletableFuture<Reply> topUp(ApiCall call) {
        return moveMoney(call, MoneyMove.topUp);
    }

    /** Money from the user's wallet to the shard's bank-funding house account. */
    public CompletableFuture<Reply> withdraw(ApiCall call) {
        return moveMoney(call, MoneyMove.withdrawal);
    }

    private CompletableFuture<Reply> moveMoney(ApiCall call, MoneyMove kind) {
        long id = call.pathId("id");
        Caller caller = call.caller();
        if (!caller.mayActFor(id)) {
            throw ApiException.forbidden("this key may not act on user " + id, null);
        }
        Fields body = Fields.of(Json.object(call.body(), false), "", moneyFields);
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        return user(caller, id).thenCompose(u -> {
            int shard = ledger.shardOf(id);
            long bank = HouseAccount.bankFunding.id(ledger.homeSlotOf(shard), currency);
            long transferId = kind.transferId(id, requestId);
            CreateTransfer t = kind == MoneyMove.topUp
                    ? new CreateTransfer(transferId, bank, u.walletAccountId(), amount, currency.ledger(), kind.code,
                            0, 0, 0, 0, 0)
                    : new CreateTransfer(transferId, u.walletAccountId(), bank, amount, currency.ledger(), kind.code,
                            0, 0, 0, 0, caller.actingUserId());
            return ledger.submit(shard, new Command[] {t}).thenApply(rs -> {
                Result r = rs[0];
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
                return Reply.ok(g -> {
                    g.writeStringField("request_id", requestId);
                    g.writeStringField("transfer_id", Long.toString(transferId));
                    g.writeStringField("result", r.apiName());
                });
            });
        });
    }

    /** The user, when the caller may act for it; 403 or 404 otherwise. */
    private CompletableFuture<User> user(Caller caller, long id) {
        if (!caller.mayActFor(id)) {
            return CompletableFuture.failedFuture(ApiException.forbidden("this key may not act on user " + id, null));
        }
        return ledger.read(id, l -> l.user(id)).thenApply(u -> {
            if (u == null) {
                throw ApiException.notFound("no user " + id);
            }
            return u;
        });
    }
}
