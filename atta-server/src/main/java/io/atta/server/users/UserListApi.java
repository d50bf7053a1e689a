package io.atta.server.users;

import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.User;
import io.atta.server.http.ApiCall;
import io.atta.server.http.PageQuery;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.http.ShardPages;
import io.atta.server.json.ValueText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/users?created_from=&created_to=&limit=&after=} (admin): every user, in id order. */
public final class UserListApi {
    private static final Set<String> params = Set.of("created_from", "created_to", "limit", "after");

    private final ServerLedger ledger;

    public UserListApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    public CompletableFuture<Reply> list(ApiCall call) {
        String from = call.query("created_from", params);
        String to = call.query("created_to", params);
        long fromTs = from == null ? Long.MIN_VALUE : ValueText.instantNanos(from, "created_from");
        long toTs = to == null ? Long.MAX_VALUE : ValueText.instantNanos(to, "created_to");
        PageQuery page = PageQuery.of(call, params);
        return ShardPages.page(ledger, null, page, User::id, l -> {
            // A shard keeps no list of users; each user has exactly one wallet, so the wallets list them.
            List<User> out = new ArrayList<>();
            for (AccountState a : l.accounts()) {
                User u = l.user(a.ownerUserId());
                if (u != null && u.walletAccountId() == a.id() && u.timestamp() >= fromTs && u.timestamp() < toTs) {
                    out.add(u);
                }
            }
            return out;
        }).thenApply(shown -> Reply.ok(g -> {
            g.writeArrayFieldStart("users");
            for (User u : shown) {
                g.writeStartObject();
                g.writeStringField("user_id", Long.toString(u.id()));
                g.writeStringField("wallet_account_id", Long.toString(u.walletAccountId()));
                g.writeStringField("created_at", ValueText.instant(u.timestamp()));
                g.writeEndObject();
            }
            g.writeEndArray();
            ShardPages.writeNext(g, page, shown, User::id);
        }));
    }
}
