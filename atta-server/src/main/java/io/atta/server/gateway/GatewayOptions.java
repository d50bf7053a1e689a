package io.atta.server.gateway;

import io.atta.core.trade.TradeLimits;
import io.atta.server.notify.RetrySchedule;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the Alipay Open Platform gateway behaves (docs/ALIPAY.md).
 *
 * @param dataDirectory       where the platform's key pair is kept (generated on first start);
 *                            null: keys of this process only, for tests
 * @param notifyRetries       the waits between deliveries of a {@code trade_status_sync}
 *                            notification: 4m,10m,10m,1h,2h,6h,15h (8 deliveries, about 25 h)
 * @param timestampWindow     how far a request's {@code timestamp} may be from the server's clock
 * @param refundWindowSeconds how long a gateway trade may be refunded after payment
 * @param publicUrl           the base URL buyers and merchants reach this server at (qr_code,
 *                            the cashier page), or null for the address it is bound to
 * @param paymentCodeSeconds  how long a buyer's payment code (auth_code) is valid
 */
public record GatewayOptions(Path dataDirectory, RetrySchedule notifyRetries, Duration timestampWindow,
                             long refundWindowSeconds, String publicUrl, long paymentCodeSeconds) {
    public static final String standardNotifyRetriesText = "4m,10m,10m,1h,2h,6h,15h";
    public static final RetrySchedule standardNotifyRetries = RetrySchedule.parse(standardNotifyRetriesText);
    /** Alipay refuses requests whose timestamp is more than this from its clock. */
    public static final Duration standardTimestampWindow = Duration.ofMinutes(15);
    public static final long standardPaymentCodeSeconds = 60;
    public static final long maxPaymentCodeSeconds = 3600;
    public static final GatewayOptions standard = new GatewayOptions(null, standardNotifyRetries,
            standardTimestampWindow, TradeLimits.defaultRefundWindowSeconds, null, standardPaymentCodeSeconds);

    public GatewayOptions {
        if (notifyRetries == null) {
            throw new IllegalArgumentException("notifyRetries must be a schedule, such as " + standardNotifyRetriesText);
        }
        if (timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()) {
            throw new IllegalArgumentException("timestampWindow must be positive, such as 15 minutes");
        }
        if (refundWindowSeconds < 1 || refundWindowSeconds > TradeLimits.maxRefundWindowSeconds) {
            throw new IllegalArgumentException("refundWindowSeconds must be from 1 to "
                    + TradeLimits.maxRefundWindowSeconds + " (maxRefundWindowSeconds), got " + refundWindowSeconds);
        }
        if (paymentCodeSeconds < 1 || paymentCodeSeconds > maxPaymentCodeSeconds) {
            throw new IllegalArgumentException("paymentCodeSeconds must be from 1 to " + maxPaymentCodeSeconds
                    + " (maxPaymentCodeSeconds), got " + paymentCodeSeconds);
        }
        if (publicUrl != null && publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    public GatewayOptions withDataDirectory(Path dir) {
        return new GatewayOptions(dir, notifyRetries, timestampWindow, refundWindowSeconds, publicUrl,
                paymentCodeSeconds);
    }

    public GatewayOptions withNotifyRetries(RetrySchedule schedule) {
        return new GatewayOptions(dataDirectory, schedule, timestampWindow, refundWindowSeconds, publicUrl,
                paymentCodeSeconds);
    }

    public GatewayOptions withRefundWindowSeconds(long seconds) {
        return new GatewayOptions(dataDirectory, notifyRetries, timestampWindow, seconds, publicUrl,
                paymentCodeSeconds);
    }

    public GatewayOptions withPublicUrl(String url) {
        return new GatewayOptions(dataDirectory, notifyRetries, timestampWindow, refundWindowSeconds, url,
                paymentCodeSeconds);
    }
}
