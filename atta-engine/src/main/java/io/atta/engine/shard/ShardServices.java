package io.atta.engine.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * What a module is built with: the shard it is part of, the shared undo log, the batch's event journal, and the modules
 * built before it (the ledger first), which it may use through their public API and hooks.
 */
public final class ShardServices {
    private final int shardId;
    private final int homeSlot;
    private final IntPredicate ownsSlot;
    private final UndoLog undo = new UndoLog();
    private final BatchEvents events = new BatchEvents(undo);
    private final List<ShardModule> built = new ArrayList<>();

    public ShardServices(int shardId, int homeSlot, IntPredicate ownsSlot) {
        this.shardId = shardId;
        this.homeSlot = homeSlot;
        this.ownsSlot = ownsSlot;
    }

    public int shardId() {
        return shardId;
    }

    /** The slot whose reserved ids hold this shard's house accounts. */
    public int homeSlot() {
        return homeSlot;
    }

    /** True when this shard serves the slot. */
    public boolean ownsSlot(int slot) {
        return ownsSlot.test(slot);
    }

    public IntPredicate slots() {
        return ownsSlot;
    }

    public UndoLog undo() {
        return undo;
    }

    /** The journal of the batch's events, in apply order: modules write to it, consumers read it (docs/AUDIT.md). */
    public BatchEvents events() {
        return events;
    }

    /** A module built before the caller; a module that needs one listed after it is a mistake in the module list. */
    public <M extends ShardModule> M module(Class<M> type) {
        for (ShardModule m : built) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " before this module in the module list");
    }

    /** Records a built module (the shard calls it, in module-list order). */
    public void built(ShardModule m) {
        for (ShardModule other : built) {
            if (other.name().equals(m.name())) {
                throw new IllegalArgumentException("two modules are named " + m.name());
            }
        }
        built.add(m);
    }

    /** Every module built, in module-list order. */
    public List<ShardModule> modules() {
        return List.copyOf(built);
    }
}
