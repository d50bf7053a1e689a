package io.atta.server.cashier;

import io.atta.core.Currency;
import io.atta.core.trade.TradeStatus;

import java.util.Objects;

/**
 * What the cashier page shows for one trade. {@code merchantName} and {@code subject} are the
 * merchant's input and may hold anything; the page escapes every value.
 *
 * @param tradeNo       the platform's trade number
 * @param outTradeNo    the merchant's order number
 * @param merchantName  the seller's display name
 * @param subject       the order's subject
 * @param amountMinor   the amount to pay, in minor units of {@code currency}
 * @param currency      the trade's currency
 * @param status        where the trade stands: only {@code WAIT_BUYER_PAY} shows the form
 * @param expiresAtText when the unpaid order closes, as the buyer should read it; null: not shown
 * @param error         why the last sign-in failed, shown above the form; null: none
 * @param formAction    the URL the sign-in-and-pay form posts to
 */
public record CashierView(String tradeNo, String outTradeNo, String merchantName, String subject, long amountMinor,
        Currency currency, TradeStatus status, String expiresAtText, String error, String formAction) {
    public CashierView {
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(merchantName, "merchantName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(formAction, "formAction");
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amountMinor must not be negative: " + amountMinor);
        }
    }

    /** The same view with {@code message} as the sign-in error, for re-rendering after a failed attempt. */
    public CashierView withError(String message) {
        return new CashierView(tradeNo, outTradeNo, merchantName, subject, amountMinor, currency, status,
                expiresAtText, message, formAction);
    }
}
