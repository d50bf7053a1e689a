package io.atta.server.merchants;

import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.User;
import io.atta.engine.trade.Merchant;
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

/** {@code GET /v1/merchants?limit=&after=} (admin): every merchant, in id order. */
public final class MerchantListApi {
    private static final Set<String> params = Set.of("limit", "after");

    private final ServerLedger ledger;

    public MerchantListApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    private record Listed(Merchant record, long walletId, Currency currency) {
        long id() {
            return record.merchantId();
        }
    }

    public CompletableFuture<Reply> list(ApiCall call) {
        PageQuery page = PageQuery.of(call, params);
        return ShardPages.page(ledger, null, page, Listed::id, l -> {
            // Each merchant is a user with exactly one wallet: the wallets list them.
            List<Listed> out = new ArrayList<>();
            for (AccountState a : l.accounts()) {
                User u = l.user(a.ownerUserId());
                Merchant m = u != null && u.walletAccountId() == a.id() ? l.trades().merchant(u.id()) : null;
                if (m != null) {
                    out.add(new Listed(m, a.id(), Currency.ofLedger(a.ledger())));
                }
            }
            return out;
        }).thenApply(shown -> Reply.ok(g -> {
            g.writeArrayFieldStart("merchants");
            for (Listed m : shown) {
                Merchant r = m.record();
                g.writeStartObject();
                MerchantApi.fields(g, r.merchantId(), r.settlementAccountId(), m.walletId(), r.name(), r.feeRatePpm(),
                        r.webhookUrl(), m.currency());
                g.writeStringField("created_at", ValueText.instant(r.createdAt()));
                g.writeEndObject();
            }
            g.writeEndArray();
            ShardPages.writeNext(g, page, shown, Listed::id);
        }));
    }
}
