package dev.unstuck.sandbox.http;

import io.javalin.http.HandlerType;

/**
 * Where each resource's endpoints declare themselves; every route declared here passes the
 * pipeline of {@link GenesysApi} (faults, 401, 429) before its endpoint runs.
 */
@FunctionalInterface
interface Routes {
    void api(HandlerType method, String path, Endpoint endpoint);
}
