package io.atta.core.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The field forms that commands of several families share in a batch: texts (a u16 byte count
 * and UTF-8), booleans (one byte) and transfers (the fixed 84 bytes of a {@link CreateTransfer},
 * alone or as a transaction's legs). Families write their other fields with {@link ByteBuffer}'s
 * own methods.
 */
public final class CommandFields {
    /** Texts are written as a u16 byte count and UTF-8; the edge keeps them far shorter. */
    public static final int maxTextBytes = 0xFFFF;
    /** The bytes of one transfer's fields without a client context. */
    public static final int transferBytes = 8 * 4 + 4 + 4 + 4 + 8 + 4 + 8 + 8;
    /**
     * Set in a transfer's flags as written, never in a transfer: a {@link ClientContext} follows
     * its fields. Flags reach the log only by their API names ({@code TransferFlags.all}), so no
     * older log has this bit and every older transfer decodes as it did.
     */
    static final int contextFollows = 1 << 31;

    private CommandFields() {
    }

    /** The bytes a text takes (count included); a text over {@link #maxTextBytes} is refused. */
    public static int textBytes(String s) {
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n > maxTextBytes) {
            throw new IllegalArgumentException("text of " + n + " bytes is over maxTextBytes (" + maxTextBytes + ")");
        }
        return 2 + n;
    }

    public static void putText(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) bytes.length).put(bytes);
    }

    public static String getText(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n > b.remaining()) {
            throw new IllegalStateException("corrupt batch: text of " + n + " bytes");
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void putBoolean(ByteBuffer b, boolean v) {
        b.put((byte) (v ? 1 : 0));
    }

    public static boolean getBoolean(ByteBuffer b) {
        return b.get() == 1;
    }

    /** The bytes of a transfer's fields, its client context included. */
    public static int transferSize(CreateTransfer t) {
        return t.context() == null ? transferBytes : transferBytes + ClientContext.bytes;
    }

    public static void putTransfer(ByteBuffer b, CreateTransfer t) {
        if ((t.flags() & contextFollows) != 0) {
            throw new IllegalArgumentException("flag bit 31 is the codec's own: " + t);
        }
        ClientContext c = t.context();
        b.putLong(t.id()).putLong(t.debitAccountId()).putLong(t.creditAccountId()).putLong(t.amount())
                .putInt(t.ledger()).putInt(t.code()).putInt(c == null ? t.flags() : t.flags() | contextFollows)
                .putLong(t.pendingId()).putInt(t.timeoutSeconds()).putLong(t.userData()).putLong(t.actingUserId());
        if (c != null) {
            b.putLong(c.userId()).putLong(c.deviceHash()).putLong(c.ipHigh()).putLong(c.ipLow());
        }
    }

    public static CreateTransfer getTransfer(ByteBuffer b) {
        long id = b.getLong();
        long debit = b.getLong();
        long credit = b.getLong();
        long amount = b.getLong();
        int ledger = b.getInt();
        int code = b.getInt();
        int flags = b.getInt();
        long pendingId = b.getLong();
        int timeoutSeconds = b.getInt();
        long userData = b.getLong();
        long actingUserId = b.getLong();
        if ((flags & contextFollows) == 0) {
            return new CreateTransfer(id, debit, credit, amount, ledger, code, flags, pendingId, timeoutSeconds,
                    userData, actingUserId, null);
        }
        if (b.remaining() < ClientContext.bytes) {
            throw new IllegalStateException("corrupt batch: a transfer's client context is cut short");
        }
        long userId = b.getLong();
        if (userId == 0) {
            throw new IllegalStateException("corrupt batch: a client context without a user");
        }
        return new CreateTransfer(id, debit, credit, amount, ledger, code, flags & ~contextFollows, pendingId,
                timeoutSeconds, userData, actingUserId, new ClientContext(userId, b.getLong(), b.getLong(), b.getLong()));
    }

    /** The bytes a transaction's legs take: their count and the transfers. */
    public static int legsBytes(CreateTransfer[] legs) {
        int n = 4;
        for (CreateTransfer t : legs) {
            n += transferSize(t);
        }
        return n;
    }

    public static void putLegs(ByteBuffer b, CreateTransfer[] legs) {
        b.putInt(legs.length);
        for (CreateTransfer t : legs) {
            putTransfer(b, t);
        }
    }

    public static CreateTransfer[] getLegs(ByteBuffer b) {
        int n = b.getInt();
        if (n <= 0 || (long) n * transferBytes > b.remaining()) {
            throw new IllegalStateException("corrupt batch: " + n + " transaction legs");
        }
        CreateTransfer[] legs = new CreateTransfer[n];
        for (int i = 0; i < n; i++) {
            legs[i] = getTransfer(b);
        }
        return legs;
    }
}
