package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.Deployment;
import dev.unstuck.sandbox.world.State;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /sandbox/v1/deployments}: the web messaging deployments with their ids, so a guest client
 * knows what to connect to ({@code ws://…/v1?deploymentId=…}) when the scenario let ids be generated.
 */
public final class DeploymentControl {
    private final State state;
    private final ObjectMapper json;

    public DeploymentControl(State state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    public void register(RoutesConfig app) {
        app.get("/sandbox/v1/deployments", ctx -> {
            ArrayNode a = state.locked(world -> {
                ArrayNode list = json.createArrayNode();
                String firstQueue = world.org().queues().isEmpty() ? null : world.org().queues().get(0).id();
                for (Deployment d : world.org().deployments()) {
                    ObjectNode n = list.addObject();
                    n.put("id", d.id());
                    n.put("name", d.name());
                    n.put("conversationDisconnect", d.conversationDisconnect());
                    d.queueId().or(() -> java.util.Optional.ofNullable(firstQueue)).ifPresent(q -> n.put("queueId", q));
                }
                return list;
            });
            try {
                ctx.contentType("application/json").result(json.writeValueAsString(a));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON", e);
            }
        });
    }
}
