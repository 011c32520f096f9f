package dev.unstuck.sandbox.org;

import java.util.List;
import java.util.Optional;

/** Everything configured in the org: who may call, with which rights in which divisions, and where guests queue. */
public record Org(String id, String name, List<Division> divisions, List<Role> roles, List<OAuthClient> clients,
                  List<Queue> queues, List<Agent> agents, List<Deployment> deployments, List<Flow> flows, List<User> users) {
    public Org {
        users = List.copyOf(users);
        flows = List.copyOf(flows);
        if (flows.stream().noneMatch(f -> f.type().equals(Flow.INBOUND_MESSAGE))) {
            throw new IllegalArgumentException("an org has an inbound message flow");
        }
        divisions = List.copyOf(divisions);
        roles = List.copyOf(roles);
        clients = List.copyOf(clients);
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        deployments = List.copyOf(deployments);
        if (divisions.stream().filter(Division::home).count() != 1) {
            throw new IllegalArgumentException("an org has exactly one home division");
        }
    }

    /** An org of the scenarios written before flows: its one inbound message flow is the default one. */
    public Org(String id, String name, List<Division> divisions, List<Role> roles, List<OAuthClient> clients,
               List<Queue> queues, List<Agent> agents, List<Deployment> deployments) {
        this(id, name, divisions, roles, clients, queues, agents, deployments, List.of(Flow.defaultInbound(id)), List.of());
    }

    /** A user by id, or by email as they sign in (case-insensitive, as email addresses are). */
    public Optional<User> user(String idOrEmail) {
        return users.stream().filter(u -> u.id().equals(idOrEmail) || u.email().equalsIgnoreCase(idOrEmail)).findFirst();
    }

    /** The flow that first receives a guest who writes in and routes it to a queue. */
    public Flow inboundFlow() {
        return flows.stream().filter(f -> f.type().equals(Flow.INBOUND_MESSAGE)).findFirst().orElseThrow();
    }

    /** The flow a guest of that queue goes back to between queue passes: the queue's in-queue flow, else the inbound flow. */
    public Flow loopFlow(String queueId) {
        return queue(queueId).flatMap(Queue::inQueueFlowId).flatMap(this::flow).orElse(inboundFlow());
    }

    public Optional<Flow> flow(String idOrName) {
        return flows.stream().filter(f -> f.id().equals(idOrName) || f.name().equals(idOrName)).findFirst();
    }

    public Division homeDivision() {
        return divisions.stream().filter(Division::home).findFirst().orElseThrow();
    }

    public Optional<Division> division(String id) {
        return divisions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Role> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<OAuthClient> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The same org with one OAuth client changed (same id): an administrator's edit in Admin > OAuth. */
    public Org withClient(OAuthClient changed) {
        List<OAuthClient> all = clients.stream().map(c -> c.id().equals(changed.id()) ? changed : c).toList();
        return new Org(id, name, divisions, roles, all, queues, agents, deployments, flows, users);
    }

    /** The same org with one role changed (same id): an administrator's edit in Roles and Permissions. */
    public Org withRole(Role changed) {
        List<Role> all = roles.stream().map(r -> r.id().equals(changed.id()) ? changed : r).toList();
        return new Org(id, name, divisions, all, clients, queues, agents, deployments, flows, users);
    }

    public Optional<Queue> queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** The division a queue lies in; a queue the org does not know is taken to be in the home division. */
    public String divisionOfQueue(String queueId) {
        return queue(queueId).map(Queue::divisionId).orElse(homeDivision().id());
    }

    /** An agent by id or by name. */
    public Optional<Agent> agent(String idOrName) {
        return agents.stream().filter(a -> a.id().equals(idOrName) || a.name().equals(idOrName)).findFirst();
    }

    /**
     * True when one of the client's roles grants the permission in some division: what counts for what lies
     * in no division (the client's own token, roles, OAuth clients, the notification channels).
     */
    public boolean allows(OAuthClient client, Permission required) {
        return client.roleDivisions().stream().anyMatch(g -> grants(g, required));
    }

    /** True when one of the client's roles grants the permission in that division (or in all of them). */
    public boolean allowsIn(OAuthClient client, Permission required, String divisionId) {
        return client.roleDivisions().stream().anyMatch(g -> g.coversDivision(divisionId) && grants(g, required));
    }

    /** True when the client holds some role in the division: the least it needs to see anything there. */
    public boolean reaches(OAuthClient client, String divisionId) {
        return client.roleDivisions().stream().anyMatch(g -> g.coversDivision(divisionId) && role(g.roleId()).isPresent());
    }

    /** The divisions in which one of the client's roles grants any of the permissions. */
    public Reach reach(OAuthClient client, List<Permission> anyOf) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        boolean all = false;
        for (RoleDivision g : client.roleDivisions()) {
            if (anyOf.stream().anyMatch(p -> grants(g, p))) {
                all |= g.divisionId().equals(RoleDivision.ALL_DIVISIONS);
                ids.add(g.divisionId());
            }
        }
        return new Reach(ids, all);
    }

    private boolean grants(RoleDivision grant, Permission required) {
        return role(grant.roleId()).map(r -> r.grants(required)).orElse(false);
    }
}
