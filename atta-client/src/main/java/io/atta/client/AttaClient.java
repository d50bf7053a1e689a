package io.atta.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.AccountFlags;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Limits;
import io.atta.client.HttpTransport.Call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Java client for Atta's REST API ({@code docs/API.md}). Thread-safe; share one per server or cluster.
 *
 * <p>Every call has an asynchronous form ({@code …Async}, a {@link CompletableFuture} that
 * fails with an {@link AttaClientException}) and a blocking one that throws it. Amounts are
 * {@code long} minor units of a {@link Currency}; ids are {@code long}. Busy and unavailable
 * replies, and lost connections for requests that carry their own ids, are retried with the
 * same request as {@link ClientOptions#retry()} allows. Given several nodes of a cluster
 * ({@link ClientOptions#withNodes}), the client sends single-shard transfer batches to their
 * shard's leader, other requests to the nodes in turn, and retries on another node when one is
 * down or unavailable.
 */
public final class AttaClient implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final BatchJson batchJson = new BatchJson(new JsonFactory());
    private final HttpTransport transport;
    /** Whether requests carry the ids they are routed by (only when there are several nodes to choose from). */
    private final boolean routed;

    private AttaClient(ClientOptions options) {
        this.transport = new HttpTransport(options, new ErrorReader(mapper),
                (status, body, length) -> ReplyJson.clusterRouting(mapper.readTree(body, 0, length)));
        this.routed = options.routesOverNodes();
    }

    public static AttaClient create(ClientOptions options) {
        return new AttaClient(options);
    }

    public static AttaClient create(URI baseUri, String apiKey) {
        return new AttaClient(ClientOptions.of(baseUri, apiKey));
    }

    // ---- users

    /**
     * Creates a user with a wallet in {@code walletCurrency} (admin key). Not idempotent: the
     * server draws the user id, so a lost reply is not retried.
     */
    public CompletableFuture<CreatedUser> createUserAsync(Currency walletCurrency) {
        ObjectNode body = mapper.createObjectNode().put("currency", walletCurrency.name());
        return sendTree(Call.post("/v1/users", bytes(body), false), ReplyJson::createdUser);
    }

    public CreatedUser createUser(Currency walletCurrency) {
        return join(createUserAsync(walletCurrency));
    }

    public CompletableFuture<User> getUserAsync(long userId) {
        return sendTree(Call.get("/v1/users/" + positive(userId, "userId")), ReplyJson::user);
    }

    public User getUser(long userId) {
        return join(getUserAsync(userId));
    }

    /** Moves {@code amount} from the shard's bank-funding account into the user's wallet. */
    public CompletableFuture<MoneyMovement> topupAsync(long userId, long amount, Currency currency, String requestId) {
        return moveMoney("topup", userId, amount, currency, requestId);
    }

    public MoneyMovement topup(long userId, long amount, Currency currency, String requestId) {
        return join(topupAsync(userId, amount, currency, requestId));
    }

    /** Moves {@code amount} from the user's wallet out to the shard's bank-funding account. */
    public CompletableFuture<MoneyMovement> withdrawAsync(long userId, long amount, Currency currency,
                                                          String requestId) {
        return moveMoney("withdraw", userId, amount, currency, requestId);
    }

    public MoneyMovement withdraw(long userId, long amount, Currency currency, String requestId) {
        return join(withdrawAsync(userId, amount, currency, requestId));
    }

    private CompletableFuture<MoneyMovement> moveMoney(String verb, long userId, long amount, Currency currency,
                                                       String requestId) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        if (requestId == null || requestId.isEmpty() || requestId.length() > Limits.maxRequestIdLength) {
            throw new IllegalArgumentException("requestId must have 1.." + Limits.maxRequestIdLength
                    + " characters (maxRequestIdLength)");
        }
        ObjectNode body = mapper.createObjectNode()
                .put("amount", Amounts.format(amount, currency))
                .put("currency", currency.name())
                .put("request_id", requestId);
        return sendTree(Call.post("/v1/users/" + positive(userId, "userId") + "/" + verb, bytes(body), true),
                ReplyJson::moneyMovement);
    }

    // ---- payments

    /**
     * Pays {@code amount} from one user's wallet to another's, on one shard or across shards
     * (admin key, or the payer's own token). Safe to retry: the request id makes the transfer id,
     * so a repeat pays nothing more and answers {@code exists}; a refusal (such as
     * {@code insufficient_funds}) is an {@link AttaApiException} with status 409.
     */
    public CompletableFuture<P2pPayment> p2pAsync(long fromUserId, long toUserId, long amount, Currency currency,
                                                  String requestId) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        ObjectNode body = mapper.createObjectNode()
                .put("from_user_id", Long.toString(positive(fromUserId, "fromUserId")))
                .put("to_user_id", Long.toString(positive(toUserId, "toUserId")))
                .put("amount", Amounts.format(amount, currency))
                .put("currency", currency.name())
                .put("request_id", requestId(requestId));
        return sendTree(Call.post("/v1/payments/p2p", bytes(body), true), ReplyJson::p2pPayment);
    }

    public P2pPayment p2p(long fromUserId, long toUserId, long amount, Currency currency, String requestId) {
        return join(p2pAsync(fromUserId, toUserId, amount, currency, requestId));
    }

    /**
     * The payment {@code fromUserId} made with {@code requestId}, and whether it completed. A
     * payment that was refused before anything was recorded (such as for insufficient funds) is
     * a 404 {@link AttaApiException}, as is one never made.
     */
    public CompletableFuture<P2pPaymentStatus> getP2pAsync(long fromUserId, String requestId) {
        return sendTree(Call.get("/v1/payments/p2p/" + requestId(requestId),
                Map.of("from_user_id", Long.toString(positive(fromUserId, "fromUserId")))),
                ReplyJson::p2pPaymentStatus);
    }

    public P2pPaymentStatus getP2p(long fromUserId, String requestId) {
        return join(getP2pAsync(fromUserId, requestId));
    }

    // ---- accounts

    /**
     * Creates up to {@link Limits#maxBatchAccounts} accounts; one result per item, in order.
     * Retried after a lost reply only when every item has a client-chosen id.
     */
    public CompletableFuture<BatchResults> createAccountsAsync(List<NewAccount> accounts) {
        checkBatch(accounts.size(), Limits.maxBatchAccounts, "maxBatchAccounts");
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("accounts");
        boolean allIdsChosen = true;
        for (NewAccount a : accounts) {
            ObjectNode item = items.addObject();
            if (a.id() != 0) {
                item.put("id", Long.toString(a.id()));
            } else {
                allIdsChosen = false;
            }
            item.put("user_id", Long.toString(a.userId()));
            item.put("currency", a.currency().name());
            if (a.code() != NewAccount.defaultCode) {
                item.put("code", a.code());
            }
            if (a.flags() != 0) {
                ArrayNode flags = item.putArray("flags");
                AccountFlags.names(a.flags()).forEach(flags::add);
            }
            if (a.userData() != 0) {
                item.put("user_data", Long.toString(a.userData()));
            }
        }
        int expected = accounts.size();
        return transport.send(Call.post("/v1/accounts", bytes(body), allIdsChosen),
                (status, reply, length) -> checkedResults(reply, length, expected));
    }

    public BatchResults createAccounts(List<NewAccount> accounts) {
        return join(createAccountsAsync(accounts));
    }

    public CompletableFuture<Account> getAccountAsync(long accountId) {
        return sendTree(Call.get("/v1/accounts/" + positive(accountId, "accountId")), ReplyJson::account);
    }

    public Account getAccount(long accountId) {
        return join(getAccountAsync(accountId));
    }

    /**
     * Closes an account. Closing a closed account fails with 409 {@code account_already_closed},
     * which is also what a retry after a lost reply sees: the account is closed either way.
     */
    public CompletableFuture<ItemResult> closeAccountAsync(long accountId) {
        return sendTree(Call.post("/v1/accounts/" + positive(accountId, "accountId") + "/close", null, true),
                ReplyJson::itemResult);
    }

    public ItemResult closeAccount(long accountId) {
        return join(closeAccountAsync(accountId));
    }

    /**
     * One page of an account's transfers with {@code from <= created_at < to}, newest first.
     * {@code from} and {@code to} may be null (unbounded); pass the page's
     * {@link TransferPage#nextTo()} as {@code to} for the next page.
     */
    public CompletableFuture<TransferPage> accountTransfersAsync(long accountId, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > Limits.maxPageSize) {
            throw new IllegalArgumentException("limit must be 1.." + Limits.maxPageSize + " (maxPageSize), got " + limit);
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        query.put("limit", Integer.toString(limit));
        return sendTree(Call.get("/v1/accounts/" + positive(accountId, "accountId") + "/transfers", query),
                ReplyJson::transferPage);
    }

    public TransferPage accountTransfers(long accountId, Instant from, Instant to, int limit) {
        return join(accountTransfersAsync(accountId, from, to, limit));
    }

    /**
     * The account's balances right after its last change at or before {@code at}. The reply
     * carries no currency, so the caller names the account's currency to read its amounts.
     */
    public CompletableFuture<Balance> balanceAtAsync(long accountId, Currency currency, Instant at) {
        return sendTree(Call.get("/v1/accounts/" + positive(accountId, "accountId") + "/balance",
                Map.of("at", at.toString())), n -> ReplyJson.balance(n, currency));
    }

    public Balance balanceAt(long accountId, Currency currency, Instant at) {
        return join(balanceAtAsync(accountId, currency, at));
    }

    // ---- transfers

    /**
     * Creates up to {@link Limits#maxBatchTransfers} transfers; one result per item, in request
     * order. Always safe to retry: every transfer carries its id. Given several nodes, a batch
     * whose debit accounts all live on one shard goes straight to that shard's leader.
     */
    public CompletableFuture<BatchResults> createTransfersAsync(List<NewTransfer> transfers) {
        checkBatch(transfers.size(), Limits.maxBatchTransfers, "maxBatchTransfers");
        int expected = transfers.size();
        Call call = Call.post("/v1/transfers", batchJson.encodeTransfers(transfers), true);
        if (routed) {
            long[] debits = new long[expected];
            for (int i = 0; i < expected; i++) {
                debits[i] = transfers.get(i).debitAccountId();
            }
            call = call.routedBy(debits);
        }
        return transport.send(call, (status, reply, length) -> checkedResults(reply, length, expected));
    }

    public BatchResults createTransfers(List<NewTransfer> transfers) {
        return join(createTransfersAsync(transfers));
    }

    public CompletableFuture<Transfer> getTransferAsync(long transferId) {
        return sendTree(Call.get("/v1/transfers/" + positive(transferId, "transferId")), ReplyJson::transfer);
    }

    public Transfer getTransfer(long transferId) {
        return join(getTransferAsync(transferId));
    }

    // ---- operations

    /**
     * {@code GET /v1/cluster/routing}: which shard serves each slot and where each shard's leader
     * is, as the node asked knows it. A client given several nodes also routes by the answer.
     */
    public CompletableFuture<ClusterRouting> clusterRoutingAsync() {
        return sendTree(Call.get(HttpTransport.routingPath), ReplyJson::clusterRouting).thenApply(r -> {
            transport.routingKnown(r);
            return r;
        });
    }

    public ClusterRouting clusterRouting() {
        return join(clusterRoutingAsync());
    }

    /** {@code GET /health}; an unhealthy node's 503 reply is an answer, not an error. */
    public CompletableFuture<Health> healthAsync() {
        return sendTree(Call.health(), ReplyJson::health);
    }

    public Health health() {
        return join(healthAsync());
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---- plumbing

    private <T> CompletableFuture<T> sendTree(Call call, Function<JsonNode, T> read) {
        return transport.send(call, (status, body, length) -> read.apply(mapper.readTree(body, 0, length)));
    }

    private BatchResults checkedResults(byte[] reply, int length, int expected) throws IOException {
        BatchResults results = batchJson.parseResults(reply, length, expected);
        if (results.size() != expected) {
            throw new AttaClientException("reply has " + results.size() + " results for " + expected + " items");
        }
        return results;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serialises
        }
    }

    private static void checkBatch(int size, int max, String limitName) {
        if (size < 1 || size > max) {
            throw new IllegalArgumentException("a batch holds 1.." + max + " items (" + limitName + "), got " + size);
        }
    }

    /** A request id as the server takes it: 1–64 of {@code [A-Za-z0-9_.:-]}, so it also fits in a path. */
    private static String requestId(String id) {
        boolean ok = id != null && !id.isEmpty() && id.length() <= Limits.maxRequestIdLength;
        for (int i = 0; ok && i < id.length(); i++) {
            char c = id.charAt(i);
            ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == ':' || c == '-';
        }
        if (!ok) {
            throw new IllegalArgumentException("requestId must be 1.." + Limits.maxRequestIdLength
                    + " characters of A-Z a-z 0-9 _ . : - (maxRequestIdLength), got " + id);
        }
        return id;
    }

    private static long positive(long id, String name) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + id);
        }
        return id;
    }

    /** Waits for a call and throws its failure as the {@link AttaClientException} it is. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttaClientException("interrupted while waiting for the server", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AttaClientException ace) {
                throw ace;
            }
            throw new AttaClientException("call failed: " + cause, cause);
        }
    }
}
