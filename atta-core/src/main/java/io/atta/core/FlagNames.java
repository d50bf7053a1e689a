package io.atta.core;

import java.util.ArrayList;
import java.util.List;

/** API names of a flag set: bit {@code i} is called {@code names[i]}. */
final class FlagNames {
    private final String[] names;

    FlagNames(String... names) {
        this.names = names;
    }

    /** The flag bit of an API name, or -1 when the name is unknown. */
    int ofName(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return 1 << i;
            }
        }
        return -1;
    }

    List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }
}
