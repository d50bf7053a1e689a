package io.atta.core.command;

import java.util.Locale;

/**
 * The outcome of one command: business outcomes are values (docs/ARCHITECTURE.md §1.3). The API
 * shows each as its lower-case name ({@code insufficient_funds}).
 */
public enum Result {
    ok,
    exists,
    exists_with_different_fields,
    id_must_not_be_zero,
    flags_are_mutually_exclusive,
    flags_unknown,
    code_must_not_be_zero,
    // accounts and users
    user_not_found,
    user_exists,
    account_id_not_in_owner_slot,
    account_id_reserved,
    account_already_closed,
    // transfers
    debit_account_id_must_not_be_zero,
    credit_account_id_must_not_be_zero,
    accounts_must_be_different,
    amount_must_not_be_zero,
    pending_id_must_not_be_zero,
    pending_id_must_be_zero,
    timeout_reserved_for_pending_transfer,
    timeout_too_large,
    account_not_found,
    currency_mismatch,
    account_closed,
    insufficient_funds,
    exceeds_debits,
    overflow,
    pending_not_found,
    pending_transfer_not_pending,
    pending_account_mismatch,
    exceeds_pending_amount,
    void_amount_must_match_pending,
    pending_already_posted,
    pending_already_voided,
    pending_expired,
    linked_event_failed,
    linked_event_chain_open,
    accounts_on_different_shards,
    debit_account_not_owned,
    account_not_owned,
    // cross-shard transactions
    /** The transaction is being driven to its end: its outcome is not known yet. */
    transaction_in_flight,
    /** The coordinator decided to abort: a leg was refused or could not be prepared. */
    transaction_aborted,
    /** The coordinator has no record of the transaction. */
    transaction_not_found,
    /** Pending, post and void transfers must have both accounts on one shard. */
    cross_shard_pending_not_supported,
    // merchants and escrow trades (append only: results travel between nodes by ordinal)
    merchant_not_found,
    /** The settlement account named for a merchant is missing, not the merchant's, or closed. */
    settlement_account_invalid,
    fee_rate_too_high,
    trade_not_found,
    /** The trade was created for, or first paid by, another buyer. */
    trade_buyer_mismatch,
    trade_closed,
    /** The trade's pay timeout passed: it can no longer be paid. */
    trade_pay_timed_out,
    /** The action does not apply to the trade in its current status (confirm before ship, ship twice…). */
    trade_status_invalid,
    /** The caller is not the party the action belongs to (the buyer confirms, the seller ships…). */
    trade_party_invalid,
    /** More than the trade's refundable remainder was asked back. */
    refund_exceeds_remaining,
    refund_not_found,
    /** Another refund request of the trade is open (requested or disputed). */
    refund_in_progress,
    /** The action does not apply to the refund in its current status. */
    refund_status_invalid,
    too_many_refunds,
    confirm_extension_too_large,
    funding_source_unsupported,
    notification_not_found,
    /** Negative transfer ids belong to the platform's own rules (a trade's hold): no command may name one. */
    transfer_id_reserved,
    /** The platform's own accounts (house accounts, merchants' receivables) cannot be closed. */
    account_platform_owned,
    /** An app's id must be in its merchant's slot (the edge draws it there). */
    app_id_not_in_merchant_slot,
    /** The refund window of the instant trade has ended: it is finished and cannot be refunded. */
    refund_window_ended,
    // trust: keys, channels, accounts, ids (issue 13)
    key_not_found,
    /** A key's role does not go with its owner (a merchant key for a non-merchant, an admin key with an owner). */
    key_owner_invalid,
    channel_not_found,
    withdrawal_not_found,
    /** The withdrawal was already confirmed, failed or expired. */
    withdrawal_not_pending,
    /** An account with a non-zero balance cannot be closed. */
    account_has_balance,
    /** An account with pending amounts (holds, withdrawals in flight) cannot be closed. */
    account_has_pending,
    /** A wallet whose owner has open trades or refunds on this shard cannot be closed. */
    account_has_open_trades,
    /** A merchant's settlement account cannot be closed while the merchant exists. */
    account_in_use,
    account_not_closed,
    /** A merchant may not be the buyer of its own trade. */
    buyer_is_seller,
    /** A transfer's id must be in a slot that its debit account's shard owns (docs/API.md, Transfer ids). */
    transfer_id_not_in_shard_slot;

    private static final Result[] byCode = values();

    public static Result ofCode(int code) {
        return byCode[code];
    }

    /** The name the API shows. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
