package io.atta.server.merchants;

import io.atta.core.trade.TradeLimits;
import io.atta.server.http.ApiException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A merchant's platform fee as the API writes it, a decimal fraction ("0.006" is 0.6 %), and
 * as the ledger keeps it, parts per million. Nothing is rounded: a rate finer than one ppm is
 * refused.
 */
public final class FeeRate {
    private static final BigDecimal ppmPerUnit = BigDecimal.valueOf(1_000_000);
    private static final String rule = "must be a decimal fraction from 0 to 0.1 with at most 6 decimal places, "
            + "such as \"0.006\" (maxFeeRatePpm = " + TradeLimits.maxFeeRatePpm + ")";

    private FeeRate() {
    }

    /** The rate in parts per million; throws naming {@code field} otherwise. */
    public static int parsePpm(String text, String field) {
        boolean plain = !text.isEmpty() && text.length() <= 16 && text.charAt(0) != '.'
                && text.charAt(text.length() - 1) != '.';
        int dots = 0;
        for (int i = 0; plain && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                plain = false;
            }
        }
        if (!plain || dots > 1) {
            throw ApiException.invalidField(field, rule);
        }
        BigDecimal ppm;
        try {
            ppm = new BigDecimal(text).multiply(ppmPerUnit).setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw ApiException.invalidField(field, rule);
        }
        if (ppm.compareTo(BigDecimal.valueOf(TradeLimits.maxFeeRatePpm)) > 0) {
            throw ApiException.invalidField(field, rule);
        }
        return ppm.intValueExact();
    }

    /** Parts per million as a decimal fraction: 6000 → "0.006", 0 → "0". */
    public static String format(int ppm) {
        return BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString();
    }
}
