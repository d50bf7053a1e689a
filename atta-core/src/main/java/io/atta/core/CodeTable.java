package io.atta.core;

import java.util.Arrays;

/**
 * The values of an enum by their {@link StableCode}: built once per enum, in a static field, so a
 * negative or repeated code stops the class from loading.
 */
public final class CodeTable<E extends Enum<E> & StableCode> {
    private final String name;
    private final E[] byCode;

    public CodeTable(E[] values) {
        name = values[0].getDeclaringClass().getSimpleName();
        int max = 0;
        for (E v : values) {
            if (v.code() < 0) {
                throw new IllegalArgumentException(name + "." + v.name() + " has a negative code " + v.code());
            }
            max = Math.max(max, v.code());
        }
        byCode = Arrays.copyOf(values, max + 1);
        Arrays.fill(byCode, null);
        for (E v : values) {
            if (byCode[v.code()] != null) {
                throw new IllegalArgumentException(name + "." + v.name() + " repeats the code "
                        + v.code() + " of " + byCode[v.code()].name());
            }
            byCode[v.code()] = v;
        }
    }

    /**
     * The value stored as {@code code}. Codes come from logs, snapshots and other nodes only, so
     * an unknown one is broken data or a node of another version: it throws.
     */
    public E of(int code) {
        E v = code >= 0 && code < byCode.length ? byCode[code] : null;
        if (v == null) {
            throw new IllegalStateException("unknown " + name + " code " + code);
        }
        return v;
    }

    /** True when {@code code} names a value. */
    public boolean has(int code) {
        return code >= 0 && code < byCode.length && byCode[code] != null;
    }
}
