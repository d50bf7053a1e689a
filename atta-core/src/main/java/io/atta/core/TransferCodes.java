package io.atta.core;

/**
 * Every {@code code} value the platform's own rules put on accounts and transfers, in one place
 * (docs/API.md, "Codes"). A code says what a transfer was for, so history, reconciliation and
 * reports can tell a top-up from a trade's fee without reading anything else.
 *
 * <p>The block {@link #platformFirst}..{@link #platformLast} belongs to the platform: callers
 * choose codes outside it (1..8999 and 10000..2147483647). A code, once released, never changes
 * meaning; a new rule takes a new code here.
 */
public final class TransferCodes {
    /** The first code of the platform's block. */
    public static final int platformFirst = 9000;
    /** The last code of the platform's block. */
    public static final int platformLast = 9999;

    // Account codes: the platform's own accounts.

    /** Account: a house account (bank funding, in transit, escrow, fees, settlement), per shard and currency. */
    public static final int houseAccount = 9000;
    /** Account: a payment channel's clearing account on a shard. */
    public static final int channelClearingAccount = 9100;
    /** Account: a merchant's receivable on a buyer's shard, where trades release its money. */
    public static final int merchantReceivableAccount = 9110;
    /** Account: a fund's account on a shard (its holders' units, redemptions payable, income pool, income side). */
    public static final int fundAccount = 9130;
    /** Account: a lender's account on a shard (its funding there, or the interest and penalties it received there). */
    public static final int lenderAccount = 9160;
    /** Account: an insurer's premium or claims account on a shard (docs/INSURANCE.md). */
    public static final int insurerAccount = 9180;

    /** Account: credit pay's lender account on a shard, which lends to the shard's credit lines (docs/CREDIT.md). */
    public static final int creditLenderAccount = 9140;

    // Transfer codes: money moved by the platform's rules.

    /** Transfer: money into a wallet from bank funding, by an operator (the admin top-up, an adjustment). */
    public static final int topUp = 9001;
    /** Transfer: money out of a wallet to bank funding, by an operator (the admin withdraw, an adjustment). */
    public static final int withdraw = 9002;
    /** Transfer: a settlement sweep leg, moving a shard's house balance to its global account. */
    public static final int settlementSweep = 9003;
    /** Transfer: a P2P payment between two users' wallets ({@code POST /v1/payments/p2p}). */
    public static final int p2pPayment = 9004;
    /** Transfer: a trade's hold, buyer's wallet to escrow (pending until released or refunded). */
    public static final int tradeHold = 9101;
    /** Transfer: a trade's release, escrow to the merchant's receivable, net of the fee. */
    public static final int tradeRelease = 9102;
    /** Transfer: a trade's fee, escrow to the platform's fee account. */
    public static final int tradeFee = 9103;
    /**
     * Transfer: a refund after release, the merchant's receivable to the buyer's wallet (before
     * release a refund voids the hold and holds the rest again, under {@link #tradeHold}).
     */
    public static final int tradeRefund = 9104;
    /** Transfer: the fee given back in proportion with a refund after release, fee account to the buyer's wallet. */
    public static final int tradeFeeRefund = 9105;
    /** Transfer: a deposit a channel confirmed, clearing account to the wallet. */
    public static final int channelDeposit = 9120;
    /** Transfer: a withdrawal through a channel, wallet to clearing account (pending until the channel answers). */
    public static final int channelWithdrawal = 9121;
    /** Transfer: a fund subscription, the holder's wallet to the fund's holdings. */
    public static final int fundSubscription = 9131;
    /** Transfer: a fund redemption, the fund's holdings to the wallet (fast) or to redemptions payable (normal). */
    public static final int fundRedemption = 9132;
    /** Transfer: a normal redemption paid on its pay day, redemptions payable to the wallet. */
    public static final int fundRedemptionPayout = 9133;
    /** Transfer: a day's income reinvested for the holders, the fund's income account to its holdings. */
    public static final int fundIncome = 9134;
    /** Transfer: a day's income remainder (the fen the per-holder floors leave), income account to the pool. */
    public static final int fundIncomeRemainder = 9135;
    /** Transfer: a deposit a channel confirmed for a lender, its clearing account to the lender's funding on a shard. */
    public static final int lenderDeposit = 9161;
    /** Transfer: a loan paid out, the lender's funding to the borrower's wallet. */
    public static final int loanDisbursement = 9162;
    /** Transfer: principal repaid, the borrower's wallet to the lender's funding. */
    public static final int loanPrincipal = 9163;
    /** Transfer: interest paid, the borrower's wallet to the lender's income. */
    public static final int loanInterest = 9164;
    /** Transfer: overdue penalty paid, the borrower's wallet to the lender's income. */
    public static final int loanPenalty = 9165;
    /** Transfer: an insurance premium, the payer's wallet (or the seller's receivable) to the insurer's premium. */
    public static final int insurancePremium = 9181;
    /** Transfer: a claim paid, the insurer's claims account to the claimant's wallet. */
    public static final int insuranceClaim = 9182;
    /** Transfer: a mutual-aid member's share of a period's claims, the member's wallet to the insurer's claims. */
    public static final int mutualAidShare = 9183;

    /** Transfer: a credit-pay purchase, the lender account to the buyer's wallet (the payment moves it on). */
    public static final int creditPurchase = 9141;
    /** Transfer: a refund of a credit-paid payment given back to the line first, the buyer's wallet to the lender account. */
    public static final int creditGiveBack = 9142;
    /** Transfer: a credit line's repayment (manual or automatic), the user's wallet to the lender account. */
    public static final int creditRepayment = 9143;
    /** Transfer: an operator feeds the lender account from bank funding. */
    public static final int creditLenderFunding = 9144;
    /** Transfer: an operator takes money from the lender account back to bank funding. */
    public static final int creditLenderDefunding = 9145;

    /** Why the API refuses a caller's code in the platform's block (400 naming the field). */
    public static final String platformOwnedMessage = "must not be in " + platformFirst + ".." + platformLast
            + ", the platform's own codes (docs/API.md, Codes)";

    private TransferCodes() {
    }

    /** True for the codes the platform keeps for its own rules. */
    public static boolean platformOwned(int code) {
        return code >= platformFirst && code <= platformLast;
    }
}
