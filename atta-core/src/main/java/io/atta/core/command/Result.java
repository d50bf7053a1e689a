package io.atta.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of one command: business outcomes are values (docs/ARCHITECTURE.md §1.3). Each has
 * a stable {@link #code()}, which is what logs, snapshots, history and the wire between nodes
 * hold, and an {@link #apiName()}, the lower-case name the API shows ({@code insufficient_funds}).
 *
 * <p>Values are interned: one instance per code, so {@code ==} compares them. The core's are the
 * constants below, with the codes they had as enum ordinals before codes were explicit; a product
 * defines its own in its package, inside its block of codes ({@link ResultRange}, docs/RESULTS.md):
 * {@code public static final Result fund_closed = ResultRange.fund.define(1000, "fund_closed");}.
 * A code, once released, never changes meaning.
 */
public final class Result {
    /** Codes are below this (the last block ends at 9999); they travel as unsigned 16-bit values. */
    public static final int codeLimit = 10_000;

    private static final Result[] byCode = new Result[codeLimit];
    private static final Map<String, Result> byName = new ConcurrentHashMap<>();

    public static final Result ok = core(0, "ok");
    public static final Result exists = core(1, "exists");
    public static final Result exists_with_different_fields = core(2, "exists_with_different_fields");
    public static final Result id_must_not_be_zero = core(3, "id_must_not_be_zero");
    public static final Result flags_are_mutually_exclusive = core(4, "flags_are_mutually_exclusive");
    public static final Result flags_unknown = core(5, "flags_unknown");
    public static final Result code_must_not_be_zero = core(6, "code_must_not_be_zero");
    // accounts and users
    public static final Result user_not_found = core(7, "user_not_found");
    public static final Result user_exists = core(8, "user_exists");
    public static final Result account_id_not_in_owner_slot = core(9, "account_id_not_in_owner_slot");
    public static final Result account_id_reserved = core(10, "account_id_reserved");
    public static final Result account_already_closed = core(11, "account_already_closed");
    // transfers
    public static final Result debit_account_id_must_not_be_zero = core(12, "debit_account_id_must_not_be_zero");
    public static final Result credit_account_id_must_not_be_zero = core(13, "credit_account_id_must_not_be_zero");
    public static final Result accounts_must_be_different = core(14, "accounts_must_be_different");
    public static final Result amount_must_not_be_zero = core(15, "amount_must_not_be_zero");
    public static final Result pending_id_must_not_be_zero = core(16, "pending_id_must_not_be_zero");
    public static final Result pending_id_must_be_zero = core(17, "pending_id_must_be_zero");
    public static final Result timeout_reserved_for_pending_transfer = core(18, "timeout_reserved_for_pending_transfer");
    public static final Result timeout_too_large = core(19, "timeout_too_large");
    public static final Result account_not_found = core(20, "account_not_found");
    public static final Result currency_mismatch = core(21, "currency_mismatch");
    public static final Result account_closed = core(22, "account_closed");
    public static final Result insufficient_funds = core(23, "insufficient_funds");
    public static final Result exceeds_debits = core(24, "exceeds_debits");
    public static final Result overflow = core(25, "overflow");
    public static final Result pending_not_found = core(26, "pending_not_found");
    public static final Result pending_transfer_not_pending = core(27, "pending_transfer_not_pending");
    public static final Result pending_account_mismatch = core(28, "pending_account_mismatch");
    public static final Result exceeds_pending_amount = core(29, "exceeds_pending_amount");
    public static final Result void_amount_must_match_pending = core(30, "void_amount_must_match_pending");
    public static final Result pending_already_posted = core(31, "pending_already_posted");
    public static final Result pending_already_voided = core(32, "pending_already_voided");
    public static final Result pending_expired = core(33, "pending_expired");
    public static final Result linked_event_failed = core(34, "linked_event_failed");
    public static final Result linked_event_chain_open = core(35, "linked_event_chain_open");
    public static final Result accounts_on_different_shards = core(36, "accounts_on_different_shards");
    public static final Result debit_account_not_owned = core(37, "debit_account_not_owned");
    public static final Result account_not_owned = core(38, "account_not_owned");
    // cross-shard transactions
    /** The transaction is being driven to its end: its outcome is not known yet. */
    public static final Result transaction_in_flight = core(39, "transaction_in_flight");
    /** The coordinator decided to abort: a leg was refused or could not be prepared. */
    public static final Result transaction_aborted = core(40, "transaction_aborted");
    /** The coordinator has no record of the transaction. */
    public static final Result transaction_not_found = core(41, "transaction_not_found");
    /** Pending, post and void transfers must have both accounts on one shard. */
    public static final Result cross_shard_pending_not_supported = core(42, "cross_shard_pending_not_supported");
    // merchants and escrow trades
    public static final Result merchant_not_found = core(43, "merchant_not_found");
    /** The settlement account named for a merchant is missing, not the merchant's, or closed. */
    public static final Result settlement_account_invalid = core(44, "settlement_account_invalid");
    public static final Result fee_rate_too_high = core(45, "fee_rate_too_high");
    public static final Result trade_not_found = core(46, "trade_not_found");
    /** The trade was created for, or first paid by, another buyer. */
    public static final Result trade_buyer_mismatch = core(47, "trade_buyer_mismatch");
    public static final Result trade_closed = core(48, "trade_closed");
    /** The trade's pay timeout passed: it can no longer be paid. */
    public static final Result trade_pay_timed_out = core(49, "trade_pay_timed_out");
    /** The action does not apply to the trade in its current status (confirm before ship, ship twice…). */
    public static final Result trade_status_invalid = core(50, "trade_status_invalid");
    /** The caller is not the party the action belongs to (the buyer confirms, the seller ships…). */
    public static final Result trade_party_invalid = core(51, "trade_party_invalid");
    /** More than the trade's refundable remainder was asked back. */
    public static final Result refund_exceeds_remaining = core(52, "refund_exceeds_remaining");
    public static final Result refund_not_found = core(53, "refund_not_found");
    /** Another refund request of the trade is open (requested or disputed). */
    public static final Result refund_in_progress = core(54, "refund_in_progress");
    /** The action does not apply to the refund in its current status. */
    public static final Result refund_status_invalid = core(55, "refund_status_invalid");
    public static final Result too_many_refunds = core(56, "too_many_refunds");
    public static final Result confirm_extension_too_large = core(57, "confirm_extension_too_large");
    public static final Result funding_source_unsupported = core(58, "funding_source_unsupported");
    public static final Result notification_not_found = core(59, "notification_not_found");
    /** Negative transfer ids belong to the platform's own rules (a trade's hold): no command may name one. */
    public static final Result transfer_id_reserved = core(60, "transfer_id_reserved");
    /** The platform's own accounts (house accounts, merchants' receivables) cannot be closed. */
    public static final Result account_platform_owned = core(61, "account_platform_owned");
    /** An app's id must be in its merchant's slot (the edge draws it there). */
    public static final Result app_id_not_in_merchant_slot = core(62, "app_id_not_in_merchant_slot");
    /** The refund window of the instant trade has ended: it is finished and cannot be refunded. */
    public static final Result refund_window_ended = core(63, "refund_window_ended");
    // trust: keys, channels, accounts, ids (issue 13)
    public static final Result key_not_found = core(64, "key_not_found");
    /** A key's role does not go with its owner (a merchant key for a non-merchant, an admin key with an owner). */
    public static final Result key_owner_invalid = core(65, "key_owner_invalid");
    public static final Result channel_not_found = core(66, "channel_not_found");
    public static final Result withdrawal_not_found = core(67, "withdrawal_not_found");
    /** The withdrawal was already confirmed, failed or expired. */
    public static final Result withdrawal_not_pending = core(68, "withdrawal_not_pending");
    /** An account with a non-zero balance cannot be closed. */
    public static final Result account_has_balance = core(69, "account_has_balance");
    /** An account with pending amounts (holds, withdrawals in flight) cannot be closed. */
    public static final Result account_has_pending = core(70, "account_has_pending");
    /** A wallet whose owner has open trades or refunds on this shard cannot be closed. */
    public static final Result account_has_open_trades = core(71, "account_has_open_trades");
    /** A merchant's settlement account cannot be closed while the merchant exists. */
    public static final Result account_in_use = core(72, "account_in_use");
    public static final Result account_not_closed = core(73, "account_not_closed");
    /** A merchant may not be the buyer of its own trade. */
    public static final Result buyer_is_seller = core(74, "buyer_is_seller");
    /** A transfer's id must be in a slot that its debit account's shard owns (docs/API.md, Transfer ids). */
    public static final Result transfer_id_not_in_shard_slot = core(75, "transfer_id_not_in_shard_slot");

    private final int code;
    private final String apiName;

    private Result(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    private static Result core(int code, String apiName) {
        return define(ResultRange.core, code, apiName);
    }

    /**
     * Defines a result: called once per value, from a static final field, so a wrong definition
     * stops the class from loading. Refuses a code outside {@code range}, a code or a name taken,
     * and a name the API could not show as is.
     */
    public static synchronized Result define(ResultRange range, int code, String apiName) {
        if (!range.contains(code)) {
            throw new IllegalArgumentException("result " + apiName + ": code " + code + " is outside the "
                    + range.title() + " block " + range.first() + ".." + range.last());
        }
        if (apiName == null || !apiName.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("result name " + apiName + " must be lower-case letters, digits and _");
        }
        if (byCode[code] != null) {
            throw new IllegalArgumentException("result code " + code + " is taken by " + byCode[code].apiName
                    + ", cannot define " + apiName);
        }
        if (byName.containsKey(apiName)) {
            throw new IllegalArgumentException("result name " + apiName + " is taken by code " + byName.get(apiName).code);
        }
        Result r = new Result(code, apiName);
        byCode[code] = r;
        byName.put(apiName, r);
        return r;
    }

    /**
     * The result with this code. A code of a product block not seen yet loads the block's holder
     * class first ({@link ResultRange}), so decoding never depends on which class happened to load
     * first. An unknown code is a broken log or a node of another version: it throws
     * IllegalStateException.
     */
    public static Result ofCode(int code) {
        Result r = code >= 0 && code < codeLimit ? byCode[code] : null;
        return r != null ? r : ofCodeSlow(code);
    }

    private static Result ofCodeSlow(int code) {
        ResultRange range = ResultRange.of(code);
        if (range != null) {
            range.loadHolder();
        }
        synchronized (Result.class) {
            Result r = range != null ? byCode[code] : null;
            if (r == null) {
                throw new IllegalStateException("unknown result code " + code);
            }
            return r;
        }
    }

    /** The result the API shows as {@code apiName}, or null when there is none. */
    public static Result ofName(String apiName) {
        Result r = apiName == null ? null : byName.get(apiName);
        if (r != null || apiName == null) {
            return r;
        }
        for (ResultRange range : ResultRange.values()) {
            range.loadHolder();
        }
        return byName.get(apiName);
    }

    /** Every result defined so far, by code. */
    public static synchronized List<Result> all() {
        List<Result> all = new ArrayList<>(byName.size());
        for (Result r : byCode) {
            if (r != null) {
                all.add(r);
            }
        }
        return all;
    }

    /** The stable code: what logs, snapshots and the wire hold. */
    public int code() {
        return code;
    }

    /** The name the API shows. */
    public String apiName() {
        return apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
