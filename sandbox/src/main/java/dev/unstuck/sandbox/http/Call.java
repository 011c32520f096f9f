package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.world.World;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

/** One authenticated request to the Genesys-facing API, with the permission checks endpoints need. */
record Call(Context ctx, World world, Caller caller, ObjectMapper json) {
    String path(String name) {
        return ctx.pathParam(name);
    }

    /** A 403 naming the permission when the caller's roles lack it. */
    Optional<Answer> require(String permission) {
        if (world.org().allows(caller.client(), Permission.parse(permission))) {
            return Optional.empty();
        }
        return Optional.of(Answer.error(ErrorBody.missingPermission(permission)));
    }

    /** A 403 listing them all when the caller's roles grant none of the permissions. */
    Optional<Answer> requireAny(List<String> permissions) {
        boolean any = permissions.stream().anyMatch(p -> world.org().allows(caller.client(), Permission.parse(p)));
        return any ? Optional.empty() : Optional.of(Answer.error(ErrorBody.missingAnyPermission(permissions)));
    }

    /** The JSON body, or a 400 when it is not a JSON object; an empty body reads as {}. */
    Body body() {
        String text = ctx.body();
        if (text.isBlank()) {
            return new Body(Optional.of(json.createObjectNode()), Optional.empty());
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                return new Body(Optional.empty(), Optional.of(Answer.error(ErrorBody.badRequest("The request body must be a JSON object."))));
            }
            return new Body(Optional.of(node), Optional.empty());
        } catch (java.io.IOException e) {
            return new Body(Optional.empty(), Optional.of(Answer.error(ErrorBody.badRequest("The request body could not be parsed as JSON."))));
        }
    }

    /** A parsed body, or the 400 to answer instead. */
    record Body(Optional<JsonNode> node, Optional<Answer> problem) {}
}
