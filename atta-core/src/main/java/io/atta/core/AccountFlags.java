package io.atta.core;

import java.util.List;

/** Account flags (bit set), named as in the API. */
public final class AccountFlags {
    public static final int debitsMustNotExceedCredits = 1;
    public static final int creditsMustNotExceedDebits = 1 << 1;
    public static final int history = 1 << 2;
    public static final int closed = 1 << 3;
    /** Flags a client may set when creating an account ({@code closed} is set by closing it). */
    public static final int creatable = debitsMustNotExceedCredits | creditsMustNotExceedDebits | history;

    private static final FlagNames names = new FlagNames("debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "history", "closed");

    private AccountFlags() {
    }

    /** The flag bit of an API name, or -1 when the name is unknown. */
    public static int ofName(String name) {
        return names.ofName(name);
    }

    public static List<String> names(int flags) {
        return names.names(flags);
    }
}
