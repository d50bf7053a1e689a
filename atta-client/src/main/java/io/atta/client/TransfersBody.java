package io.atta.client;

import io.atta.core.TransferFlags;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the body of {@code POST /v1/transfers} straight as bytes: the bytes Jackson's generator
 * wrote for it (compact JSON, the same fields, optional ones only when set), without a generator,
 * a string per number or a growing buffer. Every value is ASCII (digits, ISO currency codes, flag
 * names), so nothing needs escaping. The body's length is counted first, so it is written into
 * one array of exactly that size: a batch of 8190 transfers is about 1.2 MB, and a buffer that
 * grows and is then copied costs the sending thread twice that again.
 */
final class TransfersBody {
    private static final byte[] open = ascii("{\"transfers\":[");
    private static final byte[] close = ascii("]}");
    private static final byte[] idKey = ascii("{\"id\":\"");
    private static final byte[] debitKey = ascii(",\"debit_account_id\":\"");
    private static final byte[] creditKey = ascii(",\"credit_account_id\":\"");
    private static final byte[] amountKey = ascii(",\"amount\":\"");
    private static final byte[] currencyKey = ascii(",\"currency\":\"");
    private static final byte[] codeKey = ascii(",\"code\":");
    private static final byte[] flagsKey = ascii(",\"flags\":[");
    private static final byte[] pendingIdKey = ascii(",\"pending_id\":\"");
    private static final byte[] timeoutKey = ascii(",\"timeout_seconds\":");
    private static final byte[] userDataKey = ascii(",\"user_data\":\"");
    /** "00" to "99": two digits per division. */
    private static final byte[] digitPairs = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            digitPairs[2 * i] = (byte) ('0' + i / 10);
            digitPairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final byte[] out;
    private int pos;

    private TransfersBody(int length) {
        this.out = new byte[length];
    }

    static byte[] encode(List<NewTransfer> transfers) {
        long length = open.length + close.length + Math.max(0, transfers.size() - 1);
        for (NewTransfer t : transfers) {
            length += itemLength(t);
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a batch body of " + length + " bytes is too large");
        }
        TransfersBody body = new TransfersBody((int) length);
        body.put(open);
        for (int i = 0; i < transfers.size(); i++) {
            if (i > 0) {
                body.out[body.pos++] = ',';
            }
            body.item(transfers.get(i));
        }
        body.put(close);
        if (body.pos != body.out.length) {
            throw new IllegalStateException("wrote " + body.pos + " bytes of a body counted as " + body.out.length);
        }
        return body.out;
    }

    private static int itemLength(NewTransfer t) {
        int n = idKey.length + unsignedLength(t.id()) + 1 + 1;
        if (t.debitAccountId() != 0) {
            n += debitKey.length + unsignedLength(t.debitAccountId()) + 1;
        }
        if (t.creditAccountId() != 0) {
            n += creditKey.length + unsignedLength(t.creditAccountId()) + 1;
        }
        if (t.amount() != 0) {
            n += amountKey.length + amountLength(t.amount(), t.currency().scale()) + 1;
        }
        n += currencyKey.length + t.currency().name().length() + 1;
        if (t.code() != NewTransfer.defaultCode) {
            n += codeKey.length + intLength(t.code());
        }
        if (t.flags() != 0) {
            List<String> names = TransferFlags.names(t.flags());
            n += flagsKey.length + 1 + Math.max(0, names.size() - 1);
            for (String name : names) {
                n += name.length() + 2;
            }
        }
        if (t.pendingId() != 0) {
            n += pendingIdKey.length + unsignedLength(t.pendingId()) + 1;
        }
        if (t.timeoutSeconds() != 0) {
            n += timeoutKey.length + intLength(t.timeoutSeconds());
        }
        if (t.userData() != 0) {
            n += userDataKey.length + unsignedLength(t.userData()) + 1;
        }
        return n;
    }

    private void item(NewTransfer t) {
        put(idKey);
        unsigned(t.id());
        out[pos++] = '"';
        if (t.debitAccountId() != 0) {
            quotedUnsigned(debitKey, t.debitAccountId());
        }
        if (t.creditAccountId() != 0) {
            quotedUnsigned(creditKey, t.creditAccountId());
        }
        if (t.amount() != 0) {
            put(amountKey);
            amount(t.amount(), t.currency().scale());
            out[pos++] = '"';
        }
        put(currencyKey);
        putAscii(t.currency().name());
        out[pos++] = '"';
        if (t.code() != NewTransfer.defaultCode) {
            put(codeKey);
            integer(t.code());
        }
        if (t.flags() != 0) {
            put(flagsKey);
            List<String> names = TransferFlags.names(t.flags());
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out[pos++] = ',';
                }
                out[pos++] = '"';
                putAscii(names.get(i));
                out[pos++] = '"';
            }
            out[pos++] = ']';
        }
        if (t.pendingId() != 0) {
            quotedUnsigned(pendingIdKey, t.pendingId());
        }
        if (t.timeoutSeconds() != 0) {
            put(timeoutKey);
            integer(t.timeoutSeconds());
        }
        if (t.userData() != 0) {
            quotedUnsigned(userDataKey, t.userData());
        }
        out[pos++] = '}';
    }

    private void quotedUnsigned(byte[] key, long v) {
        put(key);
        unsigned(v);
        out[pos++] = '"';
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
    }

    private void putAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out[pos++] = (byte) s.charAt(i);
        }
    }

    /** Writes {@code v} ≥ 0 in decimal, two digits per step from the end. */
    private void unsigned(long v) {
        int end = pos + unsignedLength(v);
        int p = end;
        while (v >= 100) {
            int pair = (int) (v % 100) * 2;
            v /= 100;
            out[--p] = digitPairs[pair + 1];
            out[--p] = digitPairs[pair];
        }
        if (v >= 10) {
            out[--p] = digitPairs[(int) v * 2 + 1];
            out[--p] = digitPairs[(int) v * 2];
        } else {
            out[--p] = (byte) ('0' + v);
        }
        pos = end;
    }

    private void integer(int v) {
        if (v < 0) {
            out[pos++] = '-';
            unsigned(-(long) v);
        } else {
            unsigned(v);
        }
    }

    /** {@code minorUnits} with exactly {@code scale} decimals, as {@link DecimalChars#amount} writes them. */
    private void amount(long minorUnits, int scale) {
        if (scale == 0) {
            unsigned(minorUnits);
            return;
        }
        long pow = pow10(scale);
        unsigned(minorUnits / pow);
        out[pos++] = '.';
        long frac = minorUnits % pow;
        for (int i = scale - 1; i >= 0; i--) {
            out[pos + i] = (byte) ('0' + frac % 10);
            frac /= 10;
        }
        pos += scale;
    }

    private static int amountLength(long minorUnits, int scale) {
        if (minorUnits < 0) {
            throw new IllegalArgumentException("negative amount: " + minorUnits);
        }
        return scale == 0 ? unsignedLength(minorUnits) : unsignedLength(minorUnits / pow10(scale)) + 1 + scale;
    }

    private static long pow10(int scale) {
        long p = 1;
        for (int i = 0; i < scale; i++) {
            p *= 10;
        }
        return p;
    }

    private static int intLength(int v) {
        return v < 0 ? 1 + unsignedLength(-(long) v) : unsignedLength(v);
    }

    /** Decimal digits of {@code v} ≥ 0. */
    static int unsignedLength(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        int n = 1;
        for (long bound = 10; n < 19 && v >= bound; bound *= 10) {
            n++;
        }
        return n;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
