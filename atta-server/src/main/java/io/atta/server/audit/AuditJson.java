package io.atta.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.audit.Checkpoint;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit routes' JSON (docs/AUDIT.md, docs/API.md): every byte string in lowercase hex. The
 * fields a verifier needs are the hex ones ({@code entry}, {@code root}, {@code signature},
 * {@code event}, {@code path}, {@code block}, {@code following}); the others repeat what they say
 * for people.
 */
final class AuditJson {
    static final HexFormat hex = HexFormat.of();

    private AuditJson() {
    }

    static void checkpoint(JsonGenerator g, SignedCheckpoint s) throws IOException {
        Checkpoint c = s.checkpoint();
        g.writeStartObject();
        g.writeNumberField("seq", c.seq());
        g.writeNumberField("timestamp", c.timestamp());
        g.writeNumberField("tree_size", s.treeSize());
        g.writeStringField("root", hex.formatHex(s.root()));
        g.writeStringField("entry", hex.formatHex(s.entry()));
        g.writeStringField("signature", hex.formatHex(s.signature()));
        g.writeArrayFieldStart("heads");
        for (ShardHead h : c.heads()) {
            g.writeStartObject();
            g.writeNumberField("shard", h.shard());
            g.writeNumberField("height", h.height());
            g.writeNumberField("raft_index", h.raftIndex());
            g.writeStringField("head_hash", hex.formatHex(h.headHash()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void hashes(JsonGenerator g, String field, List<byte[]> hashes) throws IOException {
        g.writeArrayFieldStart(field);
        for (byte[] h : hashes) {
            g.writeString(hex.formatHex(h));
        }
        g.writeEndArray();
    }
}
