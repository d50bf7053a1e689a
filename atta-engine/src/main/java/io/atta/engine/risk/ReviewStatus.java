package io.atta.engine.risk;

/** Where a decision's review stands; {@link #none} when the decision asked for none. */
public enum ReviewStatus {
    none, open, approved, rejected, expired;

    private static final ReviewStatus[] byCode = values();

    static ReviewStatus ofCode(int code) {
        if (code < 0 || code >= byCode.length) {
            throw new IllegalStateException("no review status " + code);
        }
        return byCode[code];
    }
}
