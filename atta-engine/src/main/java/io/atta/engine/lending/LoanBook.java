package io.atta.engine.lending;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/** The lending module's state on one shard: lenders, loans, the loans still open, and each user's loans. */
final class LoanBook {
    final TreeMap<Long, Lender> lenders = new TreeMap<>();
    final TreeMap<Long, Loan> loans = new TreeMap<>();
    /** Loans not yet repaid, by id: the daily tick accrues their penalties. */
    final TreeMap<Long, Loan> open = new TreeMap<>();
    final HashMap<Long, List<Long>> byUser = new HashMap<>();
    /** The last local day a loan was made or a tick accrued the open loans to: the next tick is due the day after. */
    int day = Integer.MIN_VALUE;

    void add(Loan l) {
        loans.put(l.loanId, l);
        if (l.status == Loan.active) {
            open.put(l.loanId, l);
        }
        byUser.computeIfAbsent(l.terms.userId(), u -> new ArrayList<>()).add(l.loanId);
    }

    void clear() {
        lenders.clear();
        loans.clear();
        open.clear();
        byUser.clear();
        day = Integer.MIN_VALUE;
    }
}
