package io.atta.engine.shard;

import java.util.ArrayList;
import java.util.List;

/**
 * The undo log of the group of changes being applied all or nothing (a linked chain, a
 * transaction's pieces, a payment's transfers). Modules log how to take back each change while
 * {@link #grouping()}; a {@link Participant} (the ledger's batch writes) is told where the group
 * began and when it is rolled back. Reused from group to group.
 */
public final class UndoLog {
    /** State outside the undo entries that a rollback must cut back to where the group began. */
    public interface Participant {
        void groupBegan();

        void groupRolledBack();
    }

    private final ArrayList<Runnable> undo = new ArrayList<>();
    private final List<Participant> participants = new ArrayList<>();
    private boolean open;

    public void addParticipant(Participant p) {
        participants.add(p);
    }

    /** Starts a group: every change logged until {@link #end} is taken back by {@link #rollBack}. */
    public void begin() {
        open = true;
        for (int i = 0; i < participants.size(); i++) {
            participants.get(i).groupBegan();
        }
    }

    /** True while a group is open: changes must be logged. */
    public boolean grouping() {
        return open;
    }

    /** Logs how to take back a change. */
    public void add(Runnable undoStep) {
        undo.add(undoStep);
    }

    /** Takes back every change of the group: the undo log in reverse, then the participants. Call {@link #end} after it. */
    public void rollBack() {
        for (int u = undo.size() - 1; u >= 0; u--) {
            undo.get(u).run();
        }
        undo.clear();
        for (int i = 0; i < participants.size(); i++) {
            participants.get(i).groupRolledBack();
        }
    }

    /** Ends the group: what was not rolled back stands. */
    public void end() {
        undo.clear();
        open = false;
    }
}
