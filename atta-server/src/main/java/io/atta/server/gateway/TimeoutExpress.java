package io.atta.server.gateway;

import io.atta.core.trade.TradeLimits;

/**
 * {@code timeout_express}: how long an unpaid trade stays payable, as {@code 90m}, {@code 2h},
 * {@code 1d} (Alipay's units; {@code 1c}, "until the end of today", is taken as a day), from 1
 * minute to {@code maxPayTimeoutSeconds} (15 days). Absent: Atta's default, 15 minutes.
 */
final class TimeoutExpress {
    private TimeoutExpress() {
    }

    static int seconds(BizFields biz) {
        if (!biz.has("timeout_express")) {
            return TradeLimits.defaultPayTimeoutSeconds;
        }
        String text = biz.text("timeout_express", 8, "a duration");
        String rule = "biz_content.timeout_express must be a number and a unit m, h, d or c, from 1m to 15d, "
                + "such as \"90m\"";
        if (text.length() < 2) {
            throw new BizFields.Invalid(rule);
        }
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd', 'c' -> 86_400;
            default -> throw new BizFields.Invalid(rule);
        };
        long n;
        try {
            n = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new BizFields.Invalid(rule);
        }
        if (n < 1 || n > TradeLimits.maxPayTimeoutSeconds / unit) {
            throw new BizFields.Invalid(rule);
        }
        return (int) (n * unit);
    }
}
