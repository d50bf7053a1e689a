package io.atta.cluster;

import io.atta.core.Ids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data directory's routing table, {@code <data>/routing.properties}: which shard serves each
 * slot. Written once, when the directory is first started, from the {@link Routing#Routing(int)
 * contiguous default}; read at every later start. A table is taken only whole and consistent:
 * every slot on exactly one shard, every shard with at least one slot.
 *
 * <pre>
 * format=1
 * slots=1024
 * shards=2
 * shard.0=0-511
 * shard.1=512-1023
 * </pre>
 *
 * Each {@code shard.<s>} line lists inclusive slot ranges separated by commas.
 */
public final class RoutingTableFile {
    public static final String fileName = "routing.properties";
    static final int format = 1;
    private static final String header = """
            # Atta routing table: the shard that serves each id slot (inclusive ranges).
            # Read at every start. Do not edit while the node runs; changing the shard count is not supported yet.
            """;

    private RoutingTableFile() {
    }

    /**
     * The table of {@code dataDir}, checked against the shard count the directory was created
     * with; a directory without one (new, or made before routing tables were kept) gets the
     * default table for {@code shards}, written atomically.
     */
    public static Routing loadOrCreate(Path dataDir, int shards) {
        Routing existing = existing(dataDir, shards);
        if (existing != null) {
            return existing;
        }
        Routing routing = new Routing(shards);
        write(dataDir, routing);
        return routing;
    }

    /**
     * The table of {@code dataDir} checked against the shard count the directory was created
     * with, or null when it has none; reads only.
     */
    public static Routing existing(Path dataDir, int shards) {
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            return null;
        }
        Routing routing = load(dataDir);
        if (routing.shards() != shards) {
            throw new IllegalArgumentException(file + " routes slots onto " + routing.shards()
                    + " shards, but the data directory was created with " + shards
                    + " (node.properties); changing the shard count is not supported yet");
        }
        return routing;
    }

    /** The table of {@code dataDir}; fails when there is none or it is not a valid table. */
    public static Routing load(Path dataDir) {
        Path file = dataDir.resolve(fileName);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(dataDir + " has no routing table (" + fileName + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(file, text);
    }

    /** Writes {@code routing} as the table of {@code dataDir}: a temporary file, fsync'd, then renamed. */
    public static void write(Path dataDir, Routing routing) {
        Path file = dataDir.resolve(fileName);
        Path tmp = file.resolveSibling(fileName + ".tmp");
        byte[] bytes = text(routing).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + file, e);
        }
    }

    static String text(Routing routing) {
        StringBuilder b = new StringBuilder(header);
        b.append("format=").append(format).append('\n');
        b.append("slots=").append(Ids.slotCount).append('\n');
        b.append("shards=").append(routing.shards()).append('\n');
        for (int s = 0; s < routing.shards(); s++) {
            b.append("shard.").append(s).append('=');
            List<Routing.SlotRange> ranges = routing.slotRanges(s);
            for (int i = 0; i < ranges.size(); i++) {
                Routing.SlotRange r = ranges.get(i);
                b.append(i == 0 ? "" : ",").append(r.from()).append('-').append(r.to());
            }
            b.append('\n');
        }
        return b.toString();
    }

    static Routing parse(Path file, String text) {
        Map<String, String> entries = entries(file, text);
        int fmt = number(file, entries, "format");
        if (fmt != format) {
            throw invalid(file, "format=" + fmt + " is not one this version reads (" + format + ")");
        }
        int slots = number(file, entries, "slots");
        if (slots != Ids.slotCount) {
            throw invalid(file, "slots=" + slots + ", but ids carry " + Ids.slotCount + " slots");
        }
        int shards = number(file, entries, "shards");
        if (shards < 1 || shards > NodeOptions.maxShards) {
            throw invalid(file, "shards=" + shards + " is not between 1 and " + NodeOptions.maxShards + " (maxShards)");
        }
        int[] shardOfSlot = new int[Ids.slotCount];
        Arrays.fill(shardOfSlot, -1);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey().startsWith("shard.")) {
                assign(file, shardOfSlot, shards, e.getKey(), e.getValue());
            } else if (!List.of("format", "slots", "shards").contains(e.getKey())) {
                throw invalid(file, "unknown key " + e.getKey());
            }
        }
        for (int s = 0; s < shards; s++) {
            if (!entries.containsKey("shard." + s)) {
                throw invalid(file, "shard " + s + " has no slots (no shard." + s + " line)");
            }
        }
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            if (shardOfSlot[slot] < 0) {
                int to = slot;
                while (to + 1 < Ids.slotCount && shardOfSlot[to + 1] < 0) {
                    to++;
                }
                throw invalid(file, (to == slot ? "slot " + slot + " is" : "slots " + slot + "-" + to + " are")
                        + " assigned to no shard");
            }
        }
        return new Routing(shards, shardOfSlot);
    }

    /** Gives the slots of one {@code shard.<s>=<from>-<to>[,…]} line to shard {@code s}. */
    private static void assign(Path file, int[] shardOfSlot, int shards, String key, String ranges) {
        int shard = parseInt(file, key, key.substring("shard.".length()));
        if (shard < 0 || shard >= shards) {
            throw invalid(file, key + " names shard " + shard + ", but shards=" + shards
                    + " allows only 0.." + (shards - 1));
        }
        if (ranges.isEmpty()) {
            throw invalid(file, "shard " + shard + " has no slots (" + key + " is empty)");
        }
        for (String text : ranges.split(",", -1)) {
            String range = text.strip();
            String[] ends = range.split("-", -1);
            int from = ends.length <= 2 ? slotNumber(ends[0]) : -1;
            int to = ends.length == 2 ? slotNumber(ends[1]) : from;
            if (from < 0 || to < 0) {
                throw invalid(file, key + ": " + range + " is not a slot range <from>-<to>");
            }
            if (from > to || to >= Ids.slotCount) {
                throw invalid(file, key + ": " + range + " is not a slot range within 0-" + (Ids.slotCount - 1));
            }
            for (int slot = from; slot <= to; slot++) {
                if (shardOfSlot[slot] >= 0) {
                    throw invalid(file, "slot " + slot + " is assigned twice (to shard " + shardOfSlot[slot]
                            + " and to shard " + shard + ")");
                }
                shardOfSlot[slot] = shard;
            }
        }
    }

    /** A slot number as written in a range, or -1 when it is not a number. */
    private static int slotNumber(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The {@code key=value} lines, in file order; blank lines and {@code #} comments are skipped. */
    private static Map<String, String> entries(Path file, String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw invalid(file, "line " + (i + 1) + " is not key=value: " + line);
            }
            String key = line.substring(0, eq).strip();
            if (entries.put(key, line.substring(eq + 1).strip()) != null) {
                throw invalid(file, key + " appears twice");
            }
        }
        return entries;
    }

    private static int number(Path file, Map<String, String> entries, String key) {
        String value = entries.get(key);
        if (value == null) {
            throw invalid(file, key + " is missing");
        }
        return parseInt(file, key, value);
    }

    private static int parseInt(Path file, String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(file, key + ": " + value.strip() + " is not a number");
        }
    }

    private static IllegalArgumentException invalid(Path file, String problem) {
        return new IllegalArgumentException("routing table " + file + " is not valid: " + problem);
    }
}
