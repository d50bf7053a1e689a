package io.atta.server.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

    @Test
    void keepsAtMostItsLimitAndWhatIsInUse() {
        BoundedCache<String> cache = new BoundedCache<>(100);
        cache.put(1, "one");
        for (long id = 2; id < 10_000; id++) {
            cache.put(id, "v" + id);
            assertThat(cache.get(1)).as("read at every step, so never dropped").isEqualTo("one");
            assertThat(cache.size()).isLessThanOrEqualTo(101);
        }
        assertThat(cache.get(9_999)).isEqualTo("v9999");
        assertThat(cache.get(2)).as("long unused").isNull();
    }
}
