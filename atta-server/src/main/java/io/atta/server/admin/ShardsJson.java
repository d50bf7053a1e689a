package io.atta.server.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.Routing;
import io.atta.core.Ids;
import io.atta.server.json.Json;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The shards document of {@code GET /v1/admin/shards} and {@code atta shards --json}: the routing
 * table, shard by shard, and, when a running node is asked, whether it leads each shard and how
 * far it has applied the shard's log.
 *
 * <pre>{"slots":1024,"shards":[{"shard":0,"home_slot":0,"slots":[[0,511]],"slot_count":512,
 *   "leader":true,"applied_index":123}, …]}</pre>
 */
public final class ShardsJson {
    /** What a running node knows of one of its shards. */
    public record Status(boolean leader, long appliedIndex) {
    }

    private ShardsJson() {
    }

    /**
     * The document for {@code routing}. {@code status} is null when no running node is asked;
     * the document then leaves out {@code leader} and {@code applied_index}.
     */
    public static byte[] of(Routing routing, IntFunction<Status> status) {
        return Json.write(256 + 64 * routing.shards(), g -> {
            g.writeStartObject();
            write(g, routing, status);
            g.writeEndObject();
        });
    }

    /** The fields of the document, into an object the caller has opened. */
    static void write(JsonGenerator g, Routing routing, IntFunction<Status> status) throws IOException {
        g.writeNumberField("slots", Ids.slotCount);
        g.writeArrayFieldStart("shards");
        for (int s = 0; s < routing.shards(); s++) {
            g.writeStartObject();
            g.writeNumberField("shard", s);
            g.writeNumberField("home_slot", routing.homeSlot(s));
            List<Routing.SlotRange> ranges = routing.slotRanges(s);
            g.writeArrayFieldStart("slots");
            int count = 0;
            for (Routing.SlotRange r : ranges) {
                g.writeStartArray();
                g.writeNumber(r.from());
                g.writeNumber(r.to());
                g.writeEndArray();
                count += r.count();
            }
            g.writeEndArray();
            g.writeNumberField("slot_count", count);
            if (status != null) {
                Status st = status.apply(s);
                g.writeBooleanField("leader", st.leader());
                g.writeNumberField("applied_index", st.appliedIndex());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
