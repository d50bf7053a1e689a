package io.atta.server.changes;

import io.atta.server.http.ApiException;

/**
 * A place in a shard's change stream: the Raft log index of a batch and a change's place in it,
 * written {@code <index>-<seq>}. The change at a cursor has the id {@code <shard>-<index>-<seq>}.
 * Every replica derives the same changes at the same cursors, so a cursor outlives leader changes
 * and restarts; {@link #start} is before the first change.
 */
record Cursor(long index, int seq) {
    static final Cursor start = new Cursor(0, -1);
    static final String rule = "must be a cursor from an earlier reply, <index>-<seq> such as \"1042-7\"";

    static Cursor parse(String text, String field) {
        if (text == null || text.isEmpty()) {
            return start;
        }
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                long index = Long.parseLong(text.substring(0, dash));
                int seq = Integer.parseInt(text.substring(dash + 1));
                if (index >= 0 && seq >= -1) {
                    return new Cursor(index, seq);
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField(field, rule);
    }

    String text() {
        return index + "-" + seq;
    }
}
