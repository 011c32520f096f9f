package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.ConversationDivisions;
import dev.unstuck.sandbox.conversation.Outcome;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.World;
import io.javalin.http.Context;

import java.util.List;
import java.util.function.Predicate;

/**
 * One authenticated request to the Genesys-facing API, with the checks endpoints share. Each check
 * either passes or throws the {@link PlatformError} the platform answers with.
 */
record Call(Context ctx, World world, Caller caller, ObjectMapper json) {
    String path(String name) {
        return ctx.pathParam(name);
    }

    /** 403 naming the permission when the caller's roles lack it. */
    void require(String permission) {
        if (!caller.grants().allows(caller.client(), Permission.parse(permission))) {
            throw new PlatformError(ErrorBody.missingPermission(permission));
        }
    }

    /** 403 listing them all when the caller's roles grant none of the permissions. */
    void requireAny(List<String> permissions) {
        if (permissions.stream().noneMatch(p -> caller.grants().allows(caller.client(), Permission.parse(p)))) {
            throw new PlatformError(ErrorBody.missingAnyPermission(permissions));
        }
    }

    /** The divisions in which the caller holds any of the permissions. */
    Reach reach(List<String> anyOf) {
        return caller.grants().reach(caller.client(), anyOf.stream().map(Permission::parse).toList());
    }

    /** The JSON body; 400 when it is not a JSON object. An empty body reads as {}. */
    JsonNode body() {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (java.io.IOException e) {
            throw new PlatformError(ErrorBody.badRequest("The request body could not be parsed as JSON."));
        }
        if (node == null || !node.isObject()) {
            throw new PlatformError(ErrorBody.badRequest("The request body must be a JSON object."));
        }
        return node;
    }

    /**
     * The conversation named by the {@code cid} path parameter, when it lies in a division where the caller
     * holds some role; 404 when there is none, refused ({@link #outsideDivision}) when out of reach.
     */
    Conversation conversation() {
        return conversation(List.of());
    }

    /**
     * The conversation, when it lies in a division where the caller holds one of the permissions (with none
     * named: any role). A conversation lies in the division of every flow, queue and agent that touched it
     * ({@link ConversationDivisions}); {@code divisionAccess} says whether the caller must reach all of them or one.
     */
    Conversation conversation(List<String> anyOf) {
        Conversation c = world.conversation(path("cid")).orElseThrow(() ->
                new PlatformError(ErrorBody.notFound("Conversation " + path("cid") + " not found")));
        List<String> divisions = ConversationDivisions.of(world.org(), c).ids();
        boolean every = world.settings().analytics().needsEveryDivision();
        boolean inReach;
        if (anyOf.isEmpty()) {
            Predicate<String> reaches = d -> caller.grants().reaches(caller.client(), d);
            inReach = every ? divisions.stream().allMatch(reaches) : divisions.stream().anyMatch(reaches);
        } else {
            inReach = reach(anyOf).includes(divisions, every);
        }
        if (!inReach) {
            throw outsideDivision("Conversation " + c.id(), anyOf);
        }
        return c;
    }

    /**
     * The refusal of something that lies outside the caller's divisions: 403 coded
     * {@code missing.division.permission}, or 404 as if it did not exist ({@code outsideDivisionStatus};
     * which one Genesys answers is UNCONFIRMED).
     */
    PlatformError outsideDivision(String what, List<String> permissions) {
        if (world.settings().outsideDivisionStatus() == 404) {
            return new PlatformError(ErrorBody.notFound(what + " not found"));
        }
        return new PlatformError(ErrorBody.missingDivisionPermission(permissions));
    }

    /** 409 with the org's conflict code when the lifecycle refused the change. */
    void applied(Outcome outcome) {
        if (outcome instanceof Outcome.Conflict conflict) {
            throw new PlatformError(ErrorBody.conflict(world.settings().conflictCode(), conflict.reason()));
        }
    }
}
