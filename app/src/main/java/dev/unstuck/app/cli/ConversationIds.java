package dev.unstuck.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.text.UserText;
import dev.unstuck.core.genesys.GenesysId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Conversation ids from the command line, a file or standard input. A file is either one id per line
 * or a JSON plan written by {@code unstuck sweep --dry-run --json} (content starting with {@code {}).
 * All are checked before anything is done, so a typo in line 40 does not leave the first 39
 * half-processed. No ids at all is a mistake, except from a plan that lists none: the sweep found nothing
 * to end, and the answer is an empty list.
 */
final class ConversationIds {
    /** The plan format this version reads; a plan with a higher one comes from a newer unstuck. */
    static final int PLAN_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationIds() {}

    static List<String> collect(List<String> arguments, String from, AppContext context) {
        List<String> raw = new ArrayList<>(arguments == null ? List.of() : arguments);
        boolean plan = false;
        if (from != null) {
            Read read = read(from, context);
            raw.addAll(read.ids());
            plan = read.plan();
        }
        if (raw.isEmpty() && plan) {
            return List.of(); // a sweep that found nothing to end wrote it: nothing to do is the right answer
        }
        if (raw.isEmpty()) {
            throw new UserError(ExitCode.USAGE, from == null
                    ? "no conversation ids: give them as arguments, with --from FILE, or --from - on standard input"
                    : "--from " + from + ": no conversation ids in it. Nothing was done.");
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String id : raw) {
            String trimmed = id.trim();
            if (GenesysId.isValid(trimmed)) {
                ids.add(trimmed.toLowerCase());
            } else {
                malformed.add("'" + UserText.shown(id.strip()) + "'"); // strip, not trim: trim would hide a leading escape
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

    /** What a --from source held, and whether it was a plan (an empty plan is an answer; an empty list is a mistake). */
    private record Read(List<String> ids, boolean plan) {}

    private static Read read(String from, AppContext context) {
        String content;
        try {
            if (from.equals("-")) {
                content = new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
            } else {
                content = Files.readString(Path.of(from), StandardCharsets.UTF_8);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(ExitCode.USAGE, "--from " + from + ": the file does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(ExitCode.USAGE, "--from " + from + ": cannot read it (" + e.getMessage() + ")");
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1); // a byte order mark some editors write
        }
        return content.strip().startsWith("{") ? new Read(plan(from, content), true) : new Read(lines(content), false);
    }

    /** One id per line; blank lines and lines starting with # are skipped. */
    private static List<String> lines(String content) {
        List<String> ids = new ArrayList<>();
        for (String line : content.lines().toList()) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                ids.add(trimmed);
            }
        }
        return ids;
    }

    /**
     * The ids of a plan's {@code conversations}, in order, as {@code unstuck sweep --dry-run --json} writes
     * them. The plan's {@code left} (what the sweep would leave alone) is never read, nor any other field.
     */
    private static List<String> plan(String from, String content) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(content)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw notAPlan(from, "something follows the plan's closing } " + where(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw notAPlan(from, UserText.shown(firstLine(e.getOriginalMessage())) + (e.getLocation() == null ? "" : " " + where(e.getLocation())));
        } catch (IOException e) {
            throw notAPlan(from, firstLine(e.getMessage()));
        }
        JsonNode version = root.path("unstuckPlan");
        if (version.isMissingNode()) {
            throw notAPlan(from, "no \"unstuckPlan\": 1 in it; write a plan with unstuck sweep --dry-run --json");
        }
        if (!version.isIntegralNumber() || version.asLong() < 1) {
            throw notAPlan(from, "\"unstuckPlan\" is " + version + ", expected 1");
        }
        if (version.asLong() != PLAN_VERSION) {
            throw new UserError(ExitCode.USAGE, "--from " + from + ": the plan was written by a newer unstuck (plan format "
                    + version + "; this one reads format " + PLAN_VERSION + "); end it with that version. Nothing was done.");
        }
        JsonNode conversations = root.path("conversations");
        if (!conversations.isArray()) {
            throw notAPlan(from, "no \"conversations\" array");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode id = conversations.get(i).path("id");
            if (id.isMissingNode() || id.isNull()) {
                throw notAPlan(from, "conversations[" + i + "] has no \"id\"");
            }
            if (!id.isTextual()) {
                throw notAPlan(from, "conversations[" + i + "].id is " + id + ", not a conversation id");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static String where(JsonLocation location) {
        return "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static UserError notAPlan(String from, String why) {
        return new UserError(ExitCode.USAGE, "--from " + from + ": not a plan: " + why + ". Nothing was done.");
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
