package io.atta.server.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.cluster.TransferRow;
import io.atta.core.AccountFlags;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferCodes;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.server.auth.AccountAccess;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.EdgeIds;
import io.atta.server.http.PageQuery;
import io.atta.server.http.Reply;
import io.atta.server.http.ShardPages;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;
import io.atta.server.transfers.TransferJson;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Accounts: batch create, read, close, transfer history, balance at a time (docs/API.md, Accounts). */
public final class AccountApi {
    static final int defaultCode = 10;
    static final int defaultPageSize = 100;
    private static final Set<String> bodyFields = Set.of("accounts");
    private static final Set<String> itemFields = Set.of("id", "user_id", "currency", "code", "flags", "user_data");
    private static final Set<String> pageParams = Set.of("from", "to", "limit", "consistency");
    private static final Set<String> balanceParams = Set.of("at", "consistency");
    private static final Set<String> readParams = Set.of("consistency");
    private static final String creatableFlags =
            "debits_must_not_exceed_credits, credits_must_not_exceed_debits, history";

    private final ServerLedger ledger;
    private final AccountAccess access;
    private final SecureRandom random = new SecureRandom();

    public AccountApi(ServerLedger ledger, AccountAccess access) {
        this.ledger = ledger;
        this.access = access;
    }

    public CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", bodyFields);
        ArrayNode items = body.objects("accounts", Limits.maxBatchAccounts, "maxBatchAccounts");
        CreateAccount[] commands = new CreateAccount[items.size()];
        for (int i = 0; i < commands.length; i++) {
            commands[i] = account(call, Fields.of((ObjectNode) items.get(i), "accounts[" + i + "]", itemFields));
        }
        int shards = ledger.shardCount();
        List<List<Integer>> positions = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            positions.add(new ArrayList<>());
        }
        for (int i = 0; i < commands.length; i++) {
            positions.get(ledger.shardOf(commands[i].ownerUserId())).add(i);
        }
        Result[] results = new Result[commands.length];
        List<CompletableFuture<Void>> submitted = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            List<Integer> at = positions.get(s);
            if (at.isEmpty()) {
                continue;
            }
            Command[] group = new Command[at.size()];
            for (int j = 0; j < group.length; j++) {
                group[j] = commands[at.get(j)];
            }
            submitted.add(ledger.submit(s, group).thenAccept(rs -> {
                for (int j = 0; j < rs.length; j++) {
                    results[at.get(j)] = rs[j];
                }
            }));
        }
        return CompletableFuture.allOf(submitted.toArray(new CompletableFuture<?>[0])).thenApply(v ->
                new Reply(200, Json.write(commands.length * 40 + 16, g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("results");
                    for (int i = 0; i < commands.length; i++) {
                        g.writeStartObject();
                        g.writeStringField("id", Long.toString(commands[i].id()));
                        g.writeStringField("result", results[i].apiName());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                })));
    }

    private CreateAccount account(ApiCall call, Fields f) {
        long userId = f.id("user_id");
        if (!call.caller().mayActFor(userId)) {
            throw ApiException.forbidden("this key may not create accounts for user " + userId, f.path("user_id"));
        }
        Currency currency = f.currency("currency");
        long id = f.has("id") ? f.id("id") : randomId(userId);
        int code = f.integer("code", 1, Integer.MAX_VALUE, defaultCode);
        if (TransferCodes.platformOwned(code)) {
            throw ApiException.invalidField(f.path("code"), TransferCodes.platformOwnedMessage);
        }
        int flags = f.flags("flags", name -> {
            int bit = AccountFlags.ofName(name);
            return bit >= 0 && (bit & AccountFlags.creatable) == bit ? bit : -1;
        }, creatableFlags);
        return new CreateAccount(id, userId, currency.ledger(), code, limited(call, f, flags), f.userData("user_data"));
    }

    /**
     * The flags an account is made with: an account that may run into debit (or whose credits are
     * capped by its debits) can pay out money it never received, so only the admin makes one;
     * every other key's accounts are balance-limited, whatever it asks.
     */
    private static int limited(ApiCall call, Fields f, int flags) {
        if (call.caller().isAdmin()) {
            return flags;
        }
        if ((flags & AccountFlags.creditsMustNotExceedDebits) != 0) {
            throw ApiException.invalidField(f.path("flags"), "may not hold credits_must_not_exceed_debits:"
                    + " only the admin key creates accounts that may run into debit");
        }
        return flags | AccountFlags.debitsMustNotExceedCredits;
    }

    /** An account id on the owner's slot, outside the house range; collisions are vanishingly rare. */
    private long randomId(long userId) {
        return EdgeIds.random(random, Ids.slotOf(userId));
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        boolean stale = call.staleRead(readParams);
        return access.require(call.caller(), id, stale).thenApply(a -> Reply.ok(g -> AccountJson.fields(g, a)));
    }

    public CompletableFuture<Reply> close(ApiCall call) {
        long id = call.pathId("id");
        Fields.of(Json.object(call.body(), true), "", Set.of());
        return access.require(call.caller(), id)
                .thenCompose(a -> ledger.submit(ledger.shardOf(id),
                        new Command[] {new CloseAccount(id, call.caller().actingUserId())}))
                .thenApply(rs -> {
                    if (rs[0] == Result.account_not_owned) {
                        throw ApiException.forbidden("this key may not act on account " + id, null);
                    }
                    if (rs[0] != Result.ok) {
                        throw new ApiException(409, rs[0].apiName(), "account " + id + " cannot be closed: "
                                + whyNotClosed(rs[0]), null);
                    }
                    return Reply.ok(g -> {
                        g.writeStringField("id", Long.toString(id));
                        g.writeStringField("result", rs[0].apiName());
                    });
                });
    }

    private static String whyNotClosed(Result r) {
        if (r == Result.account_has_balance) {
            return "its balance is not zero (move the money out first)";
        }
        if (r == Result.account_has_pending) {
            return "it has pending amounts (holds or withdrawals in flight)";
        }
        if (r == Result.account_has_open_trades) {
            return "its owner has open trades or refunds on it";
        }
        if (r == Result.account_in_use) {
            return "it is a merchant's settlement account";
        }
        return r.apiName();
    }

    /** {@code POST /v1/accounts/{id}/reopen} (admin): a closed account takes part in transfers again. */
    public CompletableFuture<Reply> reopen(ApiCall call) {
        long id = call.pathId("id");
        Fields.of(Json.object(call.body(), true), "", Set.of());
        return ledger.submit(ledger.shardOf(id), new Command[] {new ReopenAccount(id)}).thenApply(rs -> {
            if (rs[0] == Result.account_not_found) {
                throw ApiException.notFound("no account " + id);
            }
            if (rs[0] != Result.ok) {
                throw ApiException.refused(rs[0]);
            }
            return Reply.ok(g -> {
                g.writeStringField("id", Long.toString(id));
                g.writeStringField("result", rs[0].apiName());
            });
        });
    }

    private static final Set<String> listParams = Set.of("limit", "after");

    /** {@code GET /v1/users/{id}/accounts}: the user's accounts in id order (the user or the admin). */
    public CompletableFuture<Reply> ofUser(ApiCall call) {
        long userId = call.pathId("id");
        PageQuery page = PageQuery.of(call, listParams);
        if (!call.caller().mayActFor(userId)) {
            throw ApiException.forbidden("this key may not act on user " + userId, null);
        }
        return ledger.read(userId, l -> l.user(userId) != null).thenCompose(exists -> {
            if (!exists) {
                throw ApiException.notFound("no user " + userId);
            }
            return ShardPages.page(ledger, new int[] {ledger.shardOf(userId)}, page, AccountState::id, l -> {
                List<AccountState> out = new ArrayList<>();
                for (AccountState a : l.accounts()) {
                    if (a.ownerUserId() == userId) {
                        out.add(a);
                    }
                }
                return out;
            });
        }).thenApply(shown -> Reply.ok(g -> {
            g.writeArrayFieldStart("accounts");
            for (AccountState a : shown) {
                g.writeStartObject();
                AccountJson.fields(g, a);
                g.writeEndObject();
            }
            g.writeEndArray();
            ShardPages.writeNext(g, page, shown, AccountState::id);
        }));
    }

    /**
     * The account's transfers opened at {@code from <= created_at < to}, newest first: one row
     * per transfer in its final state (HistoryReader, AccountPage).
     */
    public CompletableFuture<Reply> transfers(ApiCall call) {
        long id = call.pathId("id");
        String from = call.query("from", pageParams);
        String to = call.query("to", pageParams);
        String limitText = call.query("limit", pageParams);
        long fromTs = from == null ? Long.MIN_VALUE : ValueText.instantNanos(from, "from");
        long toTs = to == null ? Long.MAX_VALUE : ValueText.instantNanos(to, "to");
        int limit = limitText == null ? defaultPageSize : pageSize(limitText);
        boolean stale = call.staleRead(pageParams);
        return access.require(call.caller(), id, stale).thenCompose(a -> ledger.history(ledger.shardOf(
                        keepsHistory(a).id()), stale))
                .thenApply(history -> {
            List<TransferRow> page = history.accountTransfers(id, fromTs, toTs, limit);
            return Reply.ok(g -> {
                g.writeArrayFieldStart("transfers");
                for (TransferRow r : page) {
                    TransferJson.write(g, r);
                }
                g.writeEndArray();
                if (page.size() >= limit) {
                    g.writeStringField("next_to", ValueText.instant(page.get(page.size() - 1).transfer().timestamp()));
                } else {
                    g.writeNullField("next_to");
                }
            });
        });
    }

    /**
     * The account, when it keeps a history ({@code history} flag): the ledger records balance
     * events only for those (docs/API.md), so any other would show an empty or wrong history.
     */
    private static AccountState keepsHistory(AccountState a) {
        if ((a.flags() & AccountFlags.history) == 0) {
            throw new ApiException(409, "account_keeps_no_history", "account " + a.id()
                    + " was created without the history flag: its transfers are read by id (GET /v1/transfers/{id})",
                    null);
        }
        return a;
    }

    private static int pageSize(String text) {
        long v = ValueText.decimalId(text);
        if (v < 1 || v > Limits.maxPageSize) {
            throw ApiException.invalidField("limit", "must be an integer between 1 and " + Limits.maxPageSize
                    + " (maxPageSize)");
        }
        return (int) v;
    }

    /** The account's balances right after the last change at or before {@code at}. */
    public CompletableFuture<Reply> balance(ApiCall call) {
        long id = call.pathId("id");
        String at = call.query("at", balanceParams);
        if (at == null) {
            throw ApiException.missingField("at");
        }
        long atTs = ValueText.instantNanos(at, "at");
        boolean stale = call.staleRead(balanceParams);
        return access.require(call.caller(), id, stale).thenCompose(a -> ledger.history(ledger.shardOf(
                        keepsHistory(a).id()), stale)
                .thenApply(history -> {
            Currency c = Currency.ofLedger(a.ledger());
            BalanceEvent e = history.balanceAt(id, atTs)
                    .orElse(new BalanceEvent(id, atTs, 0, BalanceEvent.Kind.opened, 0, 0, 0, 0));
            return Reply.ok(g -> {
                g.writeStringField("account_id", Long.toString(id));
                g.writeStringField("at", ValueText.instant(atTs));
                g.writeStringField("debits_pending", Amounts.format(e.debitsPending(), c));
                g.writeStringField("debits_posted", Amounts.format(e.debitsPosted(), c));
                g.writeStringField("credits_pending", Amounts.format(e.creditsPending(), c));
                g.writeStringField("credits_posted", Amounts.format(e.creditsPosted(), c));
                g.writeStringField("balance", Amounts.format(e.creditsPosted() - e.debitsPosted(), c));
            });
        }));
    }
}
