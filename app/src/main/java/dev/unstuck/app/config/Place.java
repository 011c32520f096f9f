package dev.unstuck.app.config;

import java.util.ArrayList;
import java.util.List;

/** A key path in the config file ({@code orgs.prod.detection.maxWait}), as a mistake is reported. */
record Place(List<String> keys) {
    static final Place ROOT = new Place(List.of());

    Place {
        keys = List.copyOf(keys);
    }

    static Place of(String... keys) {
        return new Place(List.of(keys));
    }

    Place child(String key) {
        List<String> longer = new ArrayList<>(keys);
        longer.add(key);
        return new Place(longer);
    }

    Place parent() {
        return keys.isEmpty() ? this : new Place(keys.subList(0, keys.size() - 1));
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "top level" : String.join(".", keys);
    }
}
