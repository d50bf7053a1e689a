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
    /** The bytes of one transfer's fields. */
    public static final int transferBytes = 8 * 4 + 4 + 4 + 4 + 8 + 4 + 8 + 8;

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

    public static void putTransfer(ByteBuffer b, CreateTransfer t) {
        b.putLong(t.id()).putLong(t.debitAccountId()).putLong(t.creditAccountId()).putLong(t.amount())
                .putInt(t.ledger()).putInt(t.code()).putInt(t.flags()).putLong(t.pendingId())
                .putInt(t.timeoutSeconds()).putLong(t.userData()).putLong(t.actingUserId());
    }

    public static CreateTransfer getTransfer(ByteBuffer b) {
        return new CreateTransfer(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getInt(),
                b.getInt(), b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }

    /** The bytes a transaction's legs take: their count and the transfers. */
    public static int legsBytes(CreateTransfer[] legs) {
        return 4 + legs.length * transferBytes;
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
