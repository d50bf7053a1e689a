package io.atta.server.http;

import io.atta.server.json.ValueText;

import java.util.Set;

/**
 * A listing's page: at most {@code limit} items (as {@link ListPage#limit})
 * after the cursor {@code after} that the previous page answered as {@code next_after}. The
 * cursor is opaque to clients; items are listed in id order, so it is the last id shown.
 */
public record PageQuery(int limit, long afterId) {
    /** The page a listing's query asks for; {@code known} lists every query parameter of the route. */
    public static PageQuery of(ApiCall call, Set<String> known) {
        // One rule for every listing's limit (ListPage has it).
        int limit = ListPage.limit(call.query("limit", known));
        String after = call.query("after", known);
        long afterId = 0;
        if (after != null) {
            afterId = ValueText.decimalId(after);
            if (afterId <= 0) {
                throw ApiException.invalidField("after", "must be a next_after value of an earlier page");
            }
        }
        return new PageQuery(limit, afterId);
    }

    /** The cursor of the page after one that showed {@code shown} items, the last with id {@code lastId}; null at the end. */
    public String nextAfter(int shown, long lastId) {
        return shown == limit ? Long.toString(lastId) : null;
    }
}
