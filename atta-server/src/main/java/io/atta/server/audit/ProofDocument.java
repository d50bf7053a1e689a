package io.atta.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.audit.RecordProof;
import io.atta.core.audit.SignedCheckpoint;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a proof as {@code GET /v1/audit/proofs/…} answers it (a file saved from it), for
 * {@code atta audit verify-proof} and tests. Only the hex fields are read: the others are for
 * people, and a verifier must not trust them.
 */
public final class ProofDocument {
    private ProofDocument() {
    }

    /** The proof; throws {@link IllegalArgumentException} naming the field that is missing or not hex. */
    public static RecordProof read(JsonNode doc) {
        JsonNode c = field(doc, "checkpoint");
        return new RecordProof(bytes(doc, "event"), field(doc, "leaf_index").asLong(), list(doc, "path"),
                bytes(doc, "block"), list(doc, "following"), checkpoint(c));
    }

    /** A checkpoint as the audit routes write it. */
    public static SignedCheckpoint checkpoint(JsonNode c) {
        return new SignedCheckpoint(bytes(c, "entry"), field(c, "tree_size").asLong(), bytes(c, "root"),
                bytes(c, "signature"));
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the proof has no \"" + name + "\"");
        }
        return v;
    }

    private static byte[] bytes(JsonNode n, String name) {
        try {
            return HexFormat.of().parseHex(field(n, name).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not hex: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> list(JsonNode n, String name) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode e : field(n, name)) {
            try {
                out.add(HexFormat.of().parseHex(e.asText()));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("\"" + name + "\" holds a value that is not hex", x);
            }
        }
        return out;
    }
}
