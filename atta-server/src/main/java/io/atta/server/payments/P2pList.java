package io.atta.server.payments;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.HistoryReader;
import io.atta.cluster.TransferRow;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.ListPage;
import io.atta.server.http.PerShard;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/payments/p2p?user_id=&as=payer|payee&limit=&after=}: a user's P2P payments, as
 * payer or as payee, newest first, read from the history of the user's wallet on its shard (a
 * payment between shards has a piece there either way). The other party is named by the owner
 * of its wallet.
 */
final class P2pList {
    /** History rows read per step while looking for a page of payments among a wallet's other transfers. */
    static final int historyStepRows = 512;
    private static final Set<String> query = Set.of("user_id", "as", "limit", "after");

    private enum Side { payer, payee }

    /** One payment as the list shows it; {@code other} is the other party's wallet. */
    private record Row(TransferRecord transfer, long otherWallet) {
    }

    private final ServerLedger ledger;
    private final WalletDirectory wallets;

    P2pList(ServerLedger ledger, WalletDirectory wallets) {
        this.ledger = ledger;
        this.wallets = wallets;
    }

    CompletableFuture<Reply> list(ApiCall call) {
        Caller caller = call.caller();
        String userText = call.query("user_id", query);
        long userId;
        if (userText != null) {
            userId = ValueText.id(userText, "user_id");
        } else if (caller.isAdmin()) {
            throw ApiException.missingField("user_id");
        } else {
            userId = caller.userId();
        }
        if (!caller.mayActFor(userId)) {
            throw ApiException.forbidden("this key may not see payments of user " + userId, "user_id");
        }
        String asText = call.query("as", query);
        Side side = asText == null ? Side.payer : switch (asText) {
            case "payer" -> Side.payer;
            case "payee" -> Side.payee;
            default -> throw ApiException.invalidField("as", "must be payer or payee");
        };
        ListPage.Query page = ListPage.Query.of(call, query);
        int shard = ledger.shardOf(userId);
        return wallets.walletOf(userId, "user_id").thenCompose(wallet -> ledger.history(shard)
                .thenApply(history -> rows(history, wallet, side, page.after(), page.limit())))
                .thenCompose(rows -> owners(rows).thenApply(owners -> {
                    ListPage<Row> shown = ListPage.of(rows, page.limit(), r -> r.transfer().timestamp(),
                            r -> r.transfer().id());
                    return shown.reply("payments", (g, r) -> write(g, r, side, userId, owners));
                }));
    }

    /**
     * Up to {@code limit + 1} payments past the cursor, newest first, found by stepping back
     * through the wallet's history (one row per transfer, in its final state).
     */
    private static List<Row> rows(HistoryReader history, long wallet, Side side, ListPage.Cursor after, int limit) {
        Map<Long, Row> found = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        long before = after.at() == Long.MAX_VALUE ? Long.MAX_VALUE : after.at() + 1;
        while (found.size() <= limit) {
            List<TransferRow> step = history.accountTransfers(wallet, 0, before, historyStepRows);
            for (TransferRow row : step) {
                TransferRecord t = row.transfer();
                if (!seen.add(t.id()) || !after.admits(t.timestamp(), t.id()) || !isPayment(t)) {
                    continue;
                }
                boolean mine = side == Side.payer ? t.requestedDebit() == wallet : t.requestedCredit() == wallet;
                if (mine) {
                    found.put(t.id(), new Row(t, side == Side.payer ? t.requestedCredit() : t.requestedDebit()));
                }
            }
            if (step.size() < historyStepRows) {
                break;
            }
            long oldest = step.get(step.size() - 1).transfer().timestamp();
            // Timestamps are unique per transfer on a shard, so stepping below the oldest row loses none.
            before = oldest;
        }
        return new ArrayList<>(found.values());
    }

    private static boolean isPayment(TransferRecord t) {
        return t.code() == P2pTransferId.transferCode
                && (t.flags() & ~(TransferFlags.crossShard | TransferFlags.pending)) == 0;
    }

    /** The owners of the other parties' wallets, one read per shard. */
    private CompletableFuture<Map<Long, Long>> owners(List<Row> rows) {
        Set<Long> others = new HashSet<>();
        for (Row r : rows) {
            others.add(r.otherWallet());
        }
        return PerShard.read(ledger, others, (l, id) -> {
            AccountState a = l.account(id);
            return a == null ? null : a.ownerUserId();
        });
    }

    private static void write(JsonGenerator g, Row r, Side side, long userId, Map<Long, Long> owners)
            throws IOException {
        TransferRecord t = r.transfer();
        Currency currency = Currency.ofLedger(t.ledger());
        long other = owners.getOrDefault(r.otherWallet(), 0L);
        g.writeStringField("transfer_id", Long.toString(t.id()));
        g.writeStringField("from_user_id", Long.toString(side == Side.payer ? userId : other));
        g.writeStringField("to_user_id", Long.toString(side == Side.payer ? other : userId));
        g.writeStringField("amount", Amounts.format(t.amount(), currency));
        g.writeStringField("currency", currency.name());
        g.writeStringField("status", status(t));
        g.writeBooleanField("cross_shard", (t.flags() & TransferFlags.crossShard) != 0);
        g.writeStringField("created_at", ValueText.instant(t.timestamp()));
    }

    /** As {@code GET /v1/payments/p2p/{request_id}} says it: completed, in_progress or failed. */
    private static String status(TransferRecord t) {
        if ((t.flags() & TransferFlags.crossShard) == 0) {
            return "completed";
        }
        return switch (t.status()) {
            case pending -> "in_progress";
            case voided, expired -> "failed";
            case posted, none -> "completed";
        };
    }
}
