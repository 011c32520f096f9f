package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;

/** How `unstuck probe` tells what settles the UNCONFIRMED rows of docs/fidelity.md (deltas and shapes only). */
final class ProbeSettlesView {
    private ProbeSettlesView() {
    }

    static void print(PrintWriter out, JsonNode settles) {
        if (settles.isEmpty()) {
            return;
        }
        out.println("What settles UNCONFIRMED rows of docs/fidelity.md (deltas and shapes, no values; send the probe file):");
        JsonNode jobs = settles.path("jobsAvailability");
        out.println("  details jobs' data availability date: " + (jobs.has("behindSeconds") ? behind(jobs.path("behindSeconds").asLong())
                : "not read (" + jobs.path("status").asInt() + ")"));
        JsonNode ingest = settles.path("ingest");
        out.println("  newest moment analytics knows (ingest lag, at most): " + (ingest.path("newestBehindSeconds").isNumber()
                ? behind(ingest.path("newestBehindSeconds").asLong())
                : "no conversation in the last day (" + ingest.path("status").asInt() + ")"));
        JsonNode tooMany = settles.path("tooMany");
        out.println("  the 502 past the match limit: " + (!tooMany.path("asked").asBoolean() ? "not asked (--too-many-query asks it)"
                : "status " + tooMany.path("status").asInt() + (tooMany.has("code") ? ", code \"" + tooMany.path("code").asText()
                + "\", message \"" + tooMany.path("messageTemplate").asText() + "\"" : ", no JSON body")));
        JsonNode limits = settles.path("rateLimits");
        if (limits.isEmpty()) {
            out.println("  rate-limit headers: none on any call");
        }
        for (JsonNode route : limits) {
            out.println("  rate-limit headers of " + route.path("call").asText() + ": " + String.join(", ", names(route.path("headers")))
                    + (route.has("allowed") ? "; allowed " + route.path("allowed").asLong() : "")
                    + (route.path("reset").has("inSeconds") ? "; resets in " + route.path("reset").path("inSeconds").asLong() + " s"
                    : route.has("reset") ? "; reset as " + route.path("reset").path("shape").asText() : ""));
        }
    }

    private static String behind(long seconds) {
        return seconds >= 0 ? seconds + " s behind now" : -seconds + " s ahead of now";
    }

    private static java.util.List<String> names(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
