package io.atta.core;

/**
 * The layout of user and account ids. Every user and account id carries its slot in bits
 * 53–62, so that any node can route a request by the id alone; a user's accounts carry the
 * user's slot and therefore live on the user's shard (docs/ARCHITECTURE.md §4). Bit 63 is always 0,
 * so ids are positive longs.
 *
 * <p>The local part below the slot is free for the owner to choose, except the values below
 * {@link #firstUserLocalId}, which are reserved for the shard's house accounts.
 */
public final class Ids {
    public static final int slotBits = 10;
    /** Number of slots user ids are spread over; fixed by the id layout. */
    public static final int slotCount = 1 << slotBits;
    public static final int slotShift = 53;
    public static final long localMask = (1L << slotShift) - 1;
    /** Local ids below this are house accounts (see {@code HouseAccounts}). */
    public static final long firstUserLocalId = 1L << 20;
    /**
     * The local-part bit that marks ids the platform derives (a trade's hold, a deposit, a
     * withdrawal, a sweep, a p2p payment's transfer): no client-chosen transfer id may have it,
     * so a client can never take an id that one of the platform's own rules will need.
     */
    public static final long platformLocalBit = 1L << 52;

    private Ids() {
    }

    public static int slotOf(long id) {
        return (int) (id >>> slotShift);
    }

    public static long localOf(long id) {
        return id & localMask;
    }

    public static long compose(int slot, long local) {
        if (slot < 0 || slot >= slotCount) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        if (local < 0 || local > localMask) {
            throw new IllegalArgumentException("local id out of range: " + local);
        }
        return ((long) slot << slotShift) | local;
    }

    /** True for ids a user or account may have: positive and not in the house range. */
    public static boolean isUserRange(long id) {
        return id > 0 && localOf(id) >= firstUserLocalId;
    }

    /** True for an id in the platform's derived range ({@link #platformLocalBit} set). */
    public static boolean isPlatformId(long id) {
        return id > 0 && (id & platformLocalBit) != 0;
    }

    /**
     * A platform-derived id in {@code slot}: the low 52 bits of {@code hash} with
     * {@link #platformLocalBit} set. Ids the platform derives for a shard's transfers carry a
     * slot of that shard, so they are unique platform-wide (docs/API.md, Transfer ids).
     */
    public static long platformId(int slot, long hash) {
        return compose(slot, platformLocalBit | (hash & (platformLocalBit - 1)));
    }

    /**
     * The slot a user-chosen value (such as a request id or a random draw) spreads to. A
     * 64-bit mix keeps neighbouring values on different slots.
     */
    public static int slotForHash(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z & (slotCount - 1));
    }
}
