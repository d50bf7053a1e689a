package io.atta.server.credit;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.credit.AdjustCreditLender;
import io.atta.engine.credit.CreditModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Credit pay's lender account on each shard (docs/CREDIT.md, "The lender"): an operator feeds it
 * from the shard's bank funding (or takes money back) and reads its balance.
 */
final class LenderApi {
    private static final Set<String> adjustFields = Set.of("shard", "currency", "amount", "direction", "reason",
            "request_id");
    private static final Set<String> query = Set.of("shard", "currency");

    private final ServerLedger ledger;

    LenderApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code POST /v1/credit/lender/adjustments} (admin): 201 with the lender's balance after it, 200 for a repeat. */
    CompletableFuture<Reply> adjust(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", adjustFields);
        if (!body.has("shard")) {
            throw ApiException.missingField("shard");
        }
        int shard = body.integer("shard", 0, ledger.shardCount() - 1, 0);
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String direction = body.string("direction");
        if (!direction.equals("credit") && !direction.equals("debit")) {
            throw ApiException.invalidField("direction", "must be \"credit\" (feed the lender) or \"debit\"");
        }
        String reason = body.string("reason").strip();
        if (reason.isEmpty()) {
            throw ApiException.invalidField("reason", "must not be empty");
        }
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        return ledger.submit(shard, new Command[] {new AdjustCreditLender(requestId, currency.ledger(), amount,
                direction.equals("credit"), reason)}).thenCompose(rs -> {
                    if (rs[0] != Result.ok && rs[0] != Result.exists) {
                        throw ApiException.refused(rs[0]);
                    }
                    return balance(shard, currency, rs[0] == Result.ok ? 201 : 200);
                });
    }

    /** {@code GET /v1/credit/lender?shard=&currency=} (admin): the lender account and its balance. */
    CompletableFuture<Reply> get(ApiCall call) {
        String shardText = call.query("shard", query);
        String currencyText = call.query("currency", query);
        if (shardText == null) {
            throw ApiException.missingField("shard");
        }
        if (!shardText.matches("[0-9]{1,4}") || Integer.parseInt(shardText) >= ledger.shardCount()) {
            throw ApiException.invalidField("shard", "must be a shard number from 0 to " + (ledger.shardCount() - 1));
        }
        Currency currency = ValueText.currency(currencyText == null ? "CNY" : currencyText, "currency");
        return balance(Integer.parseInt(shardText), currency, 200);
    }

    private CompletableFuture<Reply> balance(int shard, Currency currency, int status) {
        return ledger.readShard(shard, l -> {
            CreditModule m = l.module(CreditModule.class);
            return new long[] {m.lenderAccount(currency.ledger()), m.lenderBalance(currency.ledger())};
        }).thenApply(v -> Reply.object(status, g -> {
            g.writeNumberField("shard", shard);
            g.writeStringField("account_id", Long.toString(v[0]));
            g.writeStringField("currency", currency.name());
            g.writeStringField("balance", Amounts.format(v[1], currency));
        }));
    }
}
