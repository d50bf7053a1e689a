package io.atta.engine.shard;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shard's journal of the events one batch applied, in apply order (docs/AUDIT.md, "The batch
 * journal"): each is a type tag ({@link io.atta.core.audit.EventTypes}) and the canonical bytes
 * of what happened (a transfer written, a trade's step). Modules append while they apply a
 * command or a tick; a group that is rolled back takes its events back with it; when the batch's
 * last command is applied, and before any module's {@code afterApply}, the shard hands the
 * journal to its consumers (the audit chain, a change stream), then clears it for the next batch.
 *
 * <p>With no consumer it is inactive: producers ask {@link #active()} first and write nothing, so
 * a shard without consumers pays one branch per event. The buffer is reused from batch to batch.
 * The applying thread's only.
 */
public final class BatchEvents {
    /** Told of each batch's events once the batch is applied (on the applying thread; it must copy what it keeps). */
    public interface Consumer {
        void batchApplied(BatchEvents events);
    }

    private final List<Consumer> consumers = new ArrayList<>();
    private byte[] buffer = new byte[1 << 16];
    private ByteBuffer view = ByteBuffer.wrap(buffer);
    private int used;
    private int[] starts = new int[1024];
    private int count;
    private boolean open;
    private int groupCount;
    private int groupUsed;
    private long logIndex;
    private long timestamp;

    /** A journal whose appends a rolled-back group of {@code undo} takes back. */
    public BatchEvents(UndoLog undo) {
        undo.addParticipant(new UndoLog.Participant() {
            @Override
            public void groupBegan() {
                groupCount = count;
                groupUsed = used;
            }

            @Override
            public void groupRolledBack() {
                count = groupCount;
                used = groupUsed;
            }
        });
    }

    public void addConsumer(Consumer c) {
        consumers.add(c);
    }

    /** True when someone reads the events: a producer writes none otherwise. */
    public boolean active() {
        return !consumers.isEmpty();
    }

    // ---- Producers ----

    /**
     * Opens an event of {@code type} with room for {@code maxBytes} of payload: write them into
     * the returned buffer (big-endian, from its position) and call {@link #close}.
     */
    public ByteBuffer open(byte type, int maxBytes) {
        assert !open : "an event is already open";
        ensure(1 + maxBytes);
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count] = used;
        buffer[used] = type;
        open = true;
        view.limit(used + 1 + maxBytes).position(used + 1);
        return view;
    }

    /** Ends the event opened last: its payload is what was written up to the buffer's position. */
    public void close(ByteBuffer b) {
        assert open && b == view : "close the buffer open returned";
        used = b.position();
        count++;
        open = false;
    }

    private void ensure(int more) {
        if (used + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + more));
            view = ByteBuffer.wrap(buffer);
        }
    }

    // ---- Consumers ----

    /** The batch's Raft log index (0 when the shard is not fed by a log: tests, tools). */
    public long logIndex() {
        return logIndex;
    }

    /** The batch's first timestamp (ns): its commands have this one and the next ones. */
    public long timestamp() {
        return timestamp;
    }

    public int count() {
        return count;
    }

    /** The buffer holding every event end to end; event {@code i} is {@code length(i)} bytes from {@code offset(i)}. */
    public byte[] buffer() {
        return buffer;
    }

    /** Where event {@code i} (its type tag, then its payload) begins in {@link #buffer}. */
    public int offset(int i) {
        return starts[i];
    }

    /** The bytes of event {@code i}, its type tag included. */
    public int length(int i) {
        return (i + 1 < count ? starts[i + 1] : used) - starts[i];
    }

    public byte type(int i) {
        return buffer[starts[i]];
    }

    /** A copy of event {@code i}'s bytes, its type tag first. */
    public byte[] copy(int i) {
        return Arrays.copyOfRange(buffer, starts[i], starts[i] + length(i));
    }

    /** Bytes of every event of the batch. */
    public int bytes() {
        return used;
    }

    // ---- The shard ----

    /** Clears the journal for a batch at {@code logIndex} whose first timestamp is {@code timestamp}. */
    public void beginBatch(long logIndex, long timestamp) {
        this.logIndex = logIndex;
        this.timestamp = timestamp;
        count = 0;
        used = 0;
    }

    /** Hands the batch's events to every consumer, in the order they were added. */
    public void batchApplied() {
        for (int i = 0; i < consumers.size(); i++) {
            consumers.get(i).batchApplied(this);
        }
    }
}
