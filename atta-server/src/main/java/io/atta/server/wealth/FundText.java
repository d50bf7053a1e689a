package io.atta.server.wealth;

import io.atta.core.wealth.IncomeRule;
import io.atta.server.http.ApiException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The fund's values as the API writes them: dates, cut-off times and incomes per 10,000 units. */
final class FundText {
    private FundText() {
    }

    /** A calendar date {@code 2027-01-04} as an epoch day; 400 naming {@code field} otherwise. */
    static int day(String text, String field) {
        try {
            if (text.length() == 10) {
                return (int) LocalDate.parse(text).toEpochDay();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiException.invalidField(field, "must be a date such as \"2027-01-04\"");
    }

    static String date(int day) {
        return LocalDate.ofEpochDay(day).toString();
    }

    /** A local time {@code 15:00} as minutes after midnight. */
    static int minutes(String text, String field) {
        if (text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
        }
        throw ApiException.invalidField(field, "must be a local time such as \"15:00\"");
    }

    static String time(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** An income per 10,000 units such as {@code "0.4521"}: at most 4 decimals, 0 to 99.9999. */
    static long incomePer10k(String text, String field) {
        String rule = "must be a decimal string with at most " + IncomeRule.incomeScale
                + " decimals from \"0\" to \"99.9999\" (maxIncomePer10kScaled)";
        if (!text.matches("[0-9]{1,2}(\\.[0-9]{1,4})?")) {
            throw ApiException.invalidField(field, rule);
        }
        long scaled = new BigDecimal(text).movePointRight(IncomeRule.incomeScale).longValueExact();
        if (scaled > IncomeRule.maxIncomePer10kScaled) {
            throw ApiException.invalidField(field, rule);
        }
        return scaled;
    }

    static String income(long scaled) {
        return BigDecimal.valueOf(scaled, IncomeRule.incomeScale).toPlainString();
    }
}
