package dev.unstuck.core.genesys;

import java.util.regex.Pattern;

/** The shape of a Genesys Cloud id (conversations, participants, queues, flows): a UUID, in either case. */
public final class GenesysId {
    public static final Pattern PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private GenesysId() {
    }

    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }
}
