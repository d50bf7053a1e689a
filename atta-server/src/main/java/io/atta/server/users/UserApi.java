package io.atta.server.users;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Adjust;
import io.atta.core.command.Command;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeLimits;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.User;
import io.atta.server.auth.Caller;
import io.atta.server.auth.UserTokens;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.EdgeIds;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Users: create (with wallet and token), read, and the admin's top-up and withdraw (docs/API.md, Users). */
public final class UserApi {
    /** How often a user is drawn again when its random ids are taken. */
    static final int maxCreateAttempts = 8;
    /** Said in place of the token when a repeated request_id answers the user made before. */
    public static final String tokenNotShownAgain =
            "the token is shown only when the user is created; POST /v1/keys/{user_id}/rotate issues a new one";
    private static final Logger audit = LoggerFactory.getLogger("atta.audit");
    private static final Set<String> createFields = Set.of("currency", "request_id");
    private static final Set<String> moneyFields = Set.of("amount", "currency", "request_id", "reason");

    private final ServerLedger ledger;
    private final SecureRandom random = new SecureRandom();

    public UserApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code POST /v1/users} (admin); with a {@code request_id}, a repeat answers the same user. */
    public CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), true), "", createFields);
        Currency currency = body.has("currency") ? body.currency("currency") : Currency.CNY;
        if (body.has("request_id")) {
            return createOnce(currency, ValueText.requestId(body.string("request_id"), "request_id"));
        }
        return create(currency, 1);
    }

    private CompletableFuture<Reply> create(Currency currency, int attempt) {
        int slot = random.nextInt(Ids.slotCount);
        long userId = EdgeIds.random(random, slot);
        long walletId = EdgeIds.random(random, slot);
        String token = UserTokens.issue(userId, random);
        return ledger.submit(ledger.shardOf(userId), new Command[] {command(userId, walletId, currency, token)})
                .thenCompose(rs -> {
                    Result r = rs[0];
                    if (r == Result.ok) {
                        return CompletableFuture.completedFuture(created(userId, walletId, token));
                    }
                    // A random id that is taken: draw again (the ledger refused it, so nothing changed).
                    if ((r == Result.user_exists || r == Result.exists_with_different_fields)
                            && attempt < maxCreateAttempts) {
                        return create(currency, attempt + 1);
                    }
                    throw new IllegalStateException("creating a user failed: " + r.apiName());
                });
    }

    /**
     * The user of a request id: its ids are derived from the request id, so a repeat finds the
     * user the first request made (the ledger refuses to make it twice) and answers it, without
     * the token, which only its hash remembers.
     */
    private CompletableFuture<Reply> createOnce(Currency currency, String requestId) {
        String requestKey = "user:" + requestId;
        int slot = EdgeIds.derivedSlot(requestKey);
        long userId = EdgeIds.derived(slot, requestKey, "user");
        long walletId = EdgeIds.derived(slot, requestKey, "wallet");
        String token = UserTokens.issue(userId, random);
        return ledger.submit(ledger.shardOf(userId), new Command[] {command(userId, walletId, currency, token)})
                .thenCompose(rs -> {
                    if (rs[0] == Result.ok) {
                        return CompletableFuture.completedFuture(created(userId, walletId, token));
                    }
                    return ledger.read(userId, l -> {
                        User u = l.user(userId);
                        AccountState wallet = l.account(walletId);
                        return u != null && u.walletAccountId() == walletId && wallet != null
                                && wallet.ledger() == currency.ledger() ? u : null;
                    }).thenApply(u -> {
                        if (u == null) {
                            throw new ApiException(409, Result.exists_with_different_fields.apiName(), "request_id "
                                    + requestId + " already made a user with other fields (currency)", "request_id");
                        }
                        return Reply.ok(g -> {
                            g.writeStringField("user_id", Long.toString(userId));
                            g.writeNullField("token");
                            g.writeStringField("token_note", tokenNotShownAgain);
                            g.writeStringField("wallet_account_id", Long.toString(walletId));
                            g.writeBooleanField("created", false);
                        });
                    });
                });
    }

    private static CreateUser command(long userId, long walletId, Currency currency, String token) {
        long[] h = UserTokens.words(UserTokens.sha256(token));
        return new CreateUser(userId, walletId, currency.ledger(), h[0], h[1], h[2], h[3]);
    }

    private static Reply created(long userId, long walletId, String token) {
        return Reply.object(201, g -> {
            g.writeStringField("user_id", Long.toString(userId));
            g.writeStringField("token", token);
            g.writeStringField("wallet_account_id", Long.toString(walletId));
            g.writeBooleanField("created", true);
        });
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        return user(call.caller(), id).thenApply(u -> Reply.ok(g -> {
            g.writeStringField("user_id", Long.toString(u.id()));
            g.writeStringField("wallet_account_id", Long.toString(u.walletAccountId()));
            g.writeStringField("created_at", ValueText.instant(u.timestamp()));
        }));
    }

    /** Money from the shard's bank-funding house account into the user's wallet (admin, with a reason). */
    public CompletableFuture<Reply> topUp(ApiCall call) {
        return adjust(call, MoneyMove.topUp);
    }

    /** Money from the user's wallet to the shard's bank-funding house account (admin, with a reason). */
    public CompletableFuture<Reply> withdraw(ApiCall call) {
        return adjust(call, MoneyMove.withdrawal);
    }

    /**
     * An operator's adjustment: applied as {@link Adjust}, which keeps the acting key and the
     * reason with the transfer, and logged to {@code atta.audit}. The transfer id is derived from
     * (user, kind, request id), so a retried request is the same transfer ({@code exists}).
     */
    private CompletableFuture<Reply> adjust(ApiCall call, MoneyMove kind) {
        long id = call.pathId("id");
        Caller caller = call.caller();
        Fields body = Fields.of(Json.object(call.body(), false), "", moneyFields);
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        String reason = body.has("reason")
                ? PlainText.text(body.string("reason"), "reason", TradeLimits.maxReasonLength, "maxReasonLength")
                : kind == MoneyMove.topUp ? "admin top-up" : "admin withdrawal";
        String route = "POST /v1/users/{id}/" + (kind == MoneyMove.topUp ? "topup" : "withdraw");
        return user(caller, id).thenCompose(u -> {
            long transferId = kind.transferId(id, requestId);
            Adjust adjust = new Adjust(transferId, id, amount, currency.ledger(), kind == MoneyMove.topUp,
                    caller.keyId(), reason);
            return ledger.submit(ledger.shardOf(id), new Command[] {adjust}).thenApply(rs -> {
                Result r = rs[0];
                audit.info("admin money action: key_id={} route=\"{}\" user_id={} amount={} currency={} reason=\"{}\""
                        + " transfer_id={} result={}", caller.keyId(), route, id, amount, currency.name(), reason,
                        transferId, r.apiName());
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
