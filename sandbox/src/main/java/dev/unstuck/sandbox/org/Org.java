package dev.unstuck.sandbox.org;

import java.util.List;
import java.util.Optional;

/** Everything configured in the org: who may call, with which rights, and where guests queue. */
public record Org(String id, String name, String homeDivisionId, List<Role> roles, List<OAuthClient> clients,
                  List<Queue> queues, List<Agent> agents, List<Deployment> deployments) {
    public Org {
        roles = List.copyOf(roles);
        clients = List.copyOf(clients);
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        deployments = List.copyOf(deployments);
    }

    public Optional<Role> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<OAuthClient> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Queue> queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** An agent by id or by name. */
    public Optional<Agent> agent(String idOrName) {
        return agents.stream().filter(a -> a.id().equals(idOrName) || a.name().equals(idOrName)).findFirst();
    }

    /** True when one of the client's roles grants the permission. */
    public boolean allows(OAuthClient client, Permission required) {
        return client.roleIds().stream().map(this::role).flatMap(Optional::stream).anyMatch(r -> r.grants(required));
    }
}
