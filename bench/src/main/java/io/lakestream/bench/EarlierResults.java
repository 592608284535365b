package io.lakestream.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a workload measured that a later one of the same bench run may reuse instead of measuring it
 * again (the replay compares itself with the lake backfill of workload 2), by type.
 */
public final class EarlierResults {

    private final Map<Class<?>, Object> results = new HashMap<>();

    public <T> void put(Class<T> type, T result) {
        results.put(type, result);
    }

    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(results.get(type)));
    }
}
