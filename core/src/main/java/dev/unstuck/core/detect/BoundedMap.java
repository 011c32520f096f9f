package dev.unstuck.core.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Forgets the oldest entries past its size, so a watch that runs for months keeps its memory. */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int most;

    BoundedMap(int most) {
        this.most = most;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > most;
    }
}
