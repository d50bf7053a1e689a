package io.atta.engine.shard;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules' part of a shard snapshot: a count, then per module {@code name:UTF, version:i32,
 * length:i32, bytes}, in module-list order. A section replaces its module's state; a module whose
 * section is absent is cleared (empty, or derived from the sections read before it),
 * so adding a module never changes another's section; a section no module of this build reads
 * (a newer build's product), or of a newer version than its module reads, is refused.
 */
public final class SnapshotSections {
    private SnapshotSections() {
    }

    public static void write(List<ShardModule> modules, DataOutput out) throws IOException {
        out.writeInt(modules.size());
        for (ShardModule m : modules) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream section = new DataOutputStream(bytes)) {
                m.writeSection(section);
            }
            out.writeUTF(m.name());
            out.writeInt(m.sectionVersion());
            out.writeInt(bytes.size());
            out.write(bytes.toByteArray());
        }
    }

    public static void read(List<ShardModule> modules, DataInput in) throws IOException {
        int count = in.readInt();
        Map<String, ShardModule> byName = new HashMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        Map<String, Boolean> read = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int version = in.readInt();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            ShardModule m = byName.get(name);
            if (m == null) {
                throw new IOException("snapshot has a section \"" + name + "\" that no module of this shard reads");
            }
            if (version < 1 || version > m.sectionVersion()) {
                throw new IOException("snapshot section \"" + name + "\" has version " + version + ", module reads 1 to "
                        + m.sectionVersion());
            }
            if (read.put(name, true) != null) {
                throw new IOException("snapshot has section \"" + name + "\" twice");
            }
            DataInputStream section = new DataInputStream(new ByteArrayInputStream(bytes));
            m.readSection(section, version);
            if (section.available() > 0) {
                throw new IOException("snapshot section \"" + name + "\" has " + section.available() + " bytes left over");
            }
        }
        for (ShardModule m : modules) {
            if (!read.containsKey(m.name())) {
                m.clear();
            }
        }
    }
}
