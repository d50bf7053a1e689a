package io.atta.client;

/** {@code GET /health}: {@code ok} when every shard has a leader, else {@code unavailable}. */
public record Health(String status, int shards) {
    public boolean isOk() {
        return "ok".equals(status);
    }
}
