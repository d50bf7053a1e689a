package io.atta.core;

import java.util.ArrayList;
import java.util.List;

/** Account flags (bit set), named as in the API. */
public final class AccountFlags {
    public static final int debitsMustNotExceedCredits = 1;
    public static final int creditsMustNotExceedDebits = 1 << 1;
    public static final int history = 1 << 2;
    public static final int closed = 1 << 3;
    /** Flags a client may set when creating an account ({@code closed} is set by closing it). */
    public static final int creatable = debitsMustNotExceedCredits | creditsMustNotExceedDebits | history;

    private static final String[] names = {
        "debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "history", "closed"};

    private AccountFlags() {
    }

    /** The flag bit of an API name, or -1 when the name is unknown. */
    public static int ofName(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return 1 << i;
            }
        }
        return -1;
    }

    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }
}
