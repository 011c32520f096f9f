package dev.unstuck.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Conversation ids from the command line, a file or standard input. All are checked before
 * anything is done, so a typo in line 40 does not leave the first 39 half-processed.
 */
final class ConversationIds {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ConversationIds() {}

    static List<String> collect(List<String> arguments, String from, AppContext context) {
        List<String> raw = new ArrayList<>(arguments == null ? List.of() : arguments);
        if (from != null) {
            raw.addAll(read(from, context));
        }
        if (raw.isEmpty()) {
            throw new UserError(ExitCode.USAGE, "no conversation ids: give them as arguments, with --from FILE, or --from - on standard input");
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String id : raw) {
            String trimmed = id.trim();
            if (UUID.matcher(trimmed).matches()) {
                ids.add(trimmed.toLowerCase());
            } else {
                malformed.add("'" + trimmed + "'");
            }
        }
        if (!malformed.isEmpty()) {
            throw new UserError(ExitCode.USAGE, "malformed conversation id" + (malformed.size() > 1 ? "s " : " ")
                    + String.join(", ", malformed.subList(0, Math.min(5, malformed.size())))
                    + (malformed.size() > 5 ? " and " + (malformed.size() - 5) + " more" : "")
                    + "; a conversation id is a UUID like 3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b. Nothing was done.");
        }
        return List.copyOf(ids);
    }

    private static List<String> read(String from, AppContext context) {
        try {
            List<String> lines;
            if (from.equals("-")) {
                lines = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8)).lines().toList();
            } else {
                lines = Files.readAllLines(Path.of(from), StandardCharsets.UTF_8);
            }
            List<String> ids = new ArrayList<>();
            for (String line : lines) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    ids.add(trimmed);
                }
            }
            return ids;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(ExitCode.USAGE, "--from " + from + ": the file does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(ExitCode.USAGE, "--from " + from + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
