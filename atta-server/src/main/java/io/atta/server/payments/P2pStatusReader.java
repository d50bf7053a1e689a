package io.atta.server.payments;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.ValueText;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a P2P payment stands, from the payer's shard: its transfer record there (a plain
 * transfer, or the payer's piece of a cross-shard transaction, which that shard coordinates) and,
 * for an aborted transaction, the recorded decision that says why.
 */
final class P2pStatusReader {
    /** Transfer flags a P2P payment's record may carry; anything else is some other transfer. */
    private static final int paymentFlags = TransferFlags.crossShard | TransferFlags.pending;

    private enum Status { completed, in_progress, failed }

    private final ServerLedger ledger;
    private final WalletDirectory wallets;

    P2pStatusReader(ServerLedger ledger, WalletDirectory wallets) {
        this.ledger = ledger;
        this.wallets = wallets;
    }

    CompletableFuture<Reply> read(long from, String requestId) {
        long transferId = P2pTransferId.of(from, requestId);
        return ledger.history(ledger.shardOf(from))
                .thenCompose(history -> read(from, requestId, transferId, history.transfer(transferId)));
    }

    private CompletableFuture<Reply> read(long from, String requestId, long transferId,
                                          Optional<TransferRecord> found) {
        if (found.isEmpty()) {
            return ledger.read(from, l -> l.transactionOutcome(transferId)).thenApply(o -> {
                if (o == null || o.committed()) {
                    throw noPayment(from, requestId);
                }
                return abortedWithoutRecord(from, requestId, o);
            });
        }
        TransferRecord r = found.get();
        return wallets.walletOf(from, "from_user_id").thenCompose(wallet -> {
            if (!isPayment(r, wallet)) {
                // The id was taken by a transfer that is not this payment (made through /v1/transfers).
                throw noPayment(from, requestId);
            }
            if ((r.flags() & TransferFlags.crossShard) == 0) {
                return CompletableFuture.completedFuture(reply(from, requestId, r, Status.completed, null));
            }
            return switch (r.status()) {
                case pending -> CompletableFuture.completedFuture(reply(from, requestId, r, Status.in_progress, null));
                case posted -> CompletableFuture.completedFuture(reply(from, requestId, r, Status.completed, null));
                case voided -> ledger.read(from, l -> l.transactionOutcome(transferId)).thenApply(o ->
                        reply(from, requestId, r, Status.failed, o == null ? null : o.reason().apiName()));
                case none, expired -> throw new IllegalStateException("cross-shard piece " + r.id()
                        + " has status " + r.status() + ", which a transaction never gives it");
            };
        });
    }

    private static boolean isPayment(TransferRecord r, long fromWallet) {
        boolean crossShard = (r.flags() & TransferFlags.crossShard) != 0;
        int allowed = crossShard ? paymentFlags : 0;
        return r.code() == P2pTransferId.transferCode && (r.flags() & ~allowed) == 0
                && r.requestedDebit() == fromWallet;
    }

    private static Reply reply(long from, String requestId, TransferRecord r, Status status, String reason) {
        Currency currency = Currency.ofLedger(r.ledger());
        return Reply.ok(g -> {
            g.writeStringField("request_id", requestId);
            g.writeStringField("transfer_id", Long.toString(r.id()));
            g.writeStringField("from_user_id", Long.toString(from));
            // The payment carries the payee's user id as its user_data (P2pApi).
            g.writeStringField("to_user_id", Long.toString(r.userData()));
            g.writeStringField("amount", Amounts.format(r.amount(), currency));
            g.writeStringField("currency", currency.name());
            g.writeStringField("status", status.name());
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            g.writeStringField("created_at", ValueText.instant(r.timestamp()));
        });
    }

    /**
     * A transaction decided aborted whose record the payer's shard does not hold. The decision
     * keeps no legs, so only what the request names is shown, with the decision's time.
     */
    private static Reply abortedWithoutRecord(long from, String requestId, TransactionOutcome o) {
        return Reply.ok(g -> {
            g.writeStringField("request_id", requestId);
            g.writeStringField("transfer_id", Long.toString(o.txId()));
            g.writeStringField("from_user_id", Long.toString(from));
            g.writeStringField("status", Status.failed.name());
            g.writeStringField("reason", o.reason().apiName());
            g.writeStringField("created_at", ValueText.instant(o.decidedAt()));
        });
    }

    private static ApiException noPayment(long from, String requestId) {
        return ApiException.notFound("no payment from user " + from + " with request_id " + requestId);
    }
}
