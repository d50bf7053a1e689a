package io.atta.engine.lending;

import io.atta.core.command.Result;
import io.atta.core.lending.Installment;

/** A loan priced on a day without borrowing: the result a loan would get, and if ok the rate and schedule. */
public record LoanQuote(Result result, int score, int rateVersion, long dailyRate, long maxPrincipal, int day,
                        Installment[] schedule) {
}
