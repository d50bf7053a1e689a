package io.atta.engine.audit;

import java.util.List;

/**
 * Where one event sits on a shard's chain: its bytes, its leaf index and RFC 9162 inclusion path
 * in block {@code height}'s events tree, and the block's header bytes.
 */
public record Inclusion(int shard, long height, byte[] event, int leafIndex, List<byte[]> path, byte[] header) {
}
