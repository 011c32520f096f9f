package dev.unstuck.sandbox.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.ScenarioException;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.org.Agent;
import dev.unstuck.sandbox.org.Deployment;
import dev.unstuck.sandbox.org.Division;
import dev.unstuck.sandbox.org.Flow;
import dev.unstuck.sandbox.org.Ids;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Role;
import dev.unstuck.sandbox.org.RoleDivision;
import dev.unstuck.sandbox.org.Settings;
import dev.unstuck.sandbox.org.User;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns scenario JSON (docs/sandbox.md) into a validated {@link Scenario}, or says what is wrong and where. */
public final class ScenarioReader {
    /** Used when no scenario is given: an empty org whose one client may do anything. */
    public static final String DEFAULT_SCENARIO = """
            {"org": {"name": "Sandbox Org"},
             "roles": [{"name": "admin", "permissions": ["*:*:*"]}],
             "oauthClients": [{"id": "admin", "secret": "admin-secret", "name": "sandbox admin", "roles": ["admin"]}]}
            """;

    private static final Set<String> TOP = new LinkedHashSet<>(List.of("seed", "org", "settings", "divisions", "roles",
            "oauthClients", "users", "flows", "queues", "agents", "deployments", "guests"));
    private static final Set<String> GRANT_TYPES = Set.of("CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS");
    private static final Set<String> CLIENT_STATES = Set.of("active", "disabled", "inactive");
    private static final Set<String> DISCONNECT_MODES = Set.of("Send", "ReadOnly", "Off");

    private final ObjectMapper json;

    public ScenarioReader(ObjectMapper json) {
        this.json = json;
    }

    public Scenario read(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("scenario: not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null) {
            throw new ScenarioException("scenario: empty");
        }
        return read(new ScenarioNode(root, "").requireObject());
    }

    public Scenario read(ScenarioNode top) {
        top.allowOnly(TOP);
        long seed = top.number("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(42L);
        Ids ids = new Ids(seed);
        Settings settings = top.object("settings").map(s -> SettingsReader.apply(Settings.defaults(), s))
                .orElse(Settings.defaults());

        Optional<ScenarioNode> orgNode = top.object("org");
        orgNode.ifPresent(o -> o.allowOnly(Set.of("id", "name")));
        String orgId = orgNode.flatMap(o -> o.text("id")).orElseGet(ids::next);
        String orgName = orgNode.flatMap(o -> o.text("name")).orElse("Sandbox Org");
        List<Division> divisions = divisions(top, ids);

        List<Role> roles = new ArrayList<>();
        for (ScenarioNode r : top.objects("roles")) {
            r.allowOnly(Set.of("id", "name", "description", "permissions"));
            List<Permission> permissions = new ArrayList<>();
            List<String> texts = r.texts("permissions");
            for (int i = 0; i < texts.size(); i++) {
                if (!Permission.isValid(texts.get(i))) {
                    throw new ScenarioException(r.where("permissions") + "[" + i + "]: \"" + texts.get(i)
                            + "\" is not a permission domain:entity:action");
                }
                permissions.add(Permission.parse(texts.get(i)));
            }
            roles.add(new Role(r.text("id").orElseGet(ids::next), r.requiredText("name"),
                    r.text("description").orElse(""), permissions));
        }
        unique(roles, Role::name, top, "roles", "name");
        unique(roles, Role::id, top, "roles", "id");

        List<Flow> flows = new ArrayList<>();
        for (ScenarioNode f : top.objects("flows")) {
            f.allowOnly(Set.of("id", "name", "type", "division"));
            String name = f.requiredText("name");
            flows.add(new Flow(f.text("id").orElseGet(() -> Flow.idFor(orgId, name)), name, f.text("type").orElse(Flow.IN_QUEUE_MESSAGE),
                    divisionOf(f, divisions)));
        }
        unique(flows, Flow::name, top, "flows", "name");
        unique(flows, Flow::id, top, "flows", "id");
        if (flows.stream().noneMatch(f -> f.type().equals(Flow.INBOUND_MESSAGE))) {
            flows.add(0, Flow.defaultInbound(orgId));
        }

        List<Queue> queues = new ArrayList<>();
        for (ScenarioNode q : top.objects("queues")) {
            q.allowOnly(Set.of("id", "name", "division", "inQueueFlow"));
            String division = q.text("division").map(ref -> division(divisions, ref)
                            .orElseThrow(() -> q.problem("division", "no division named \"" + ref + "\"")).id())
                    .orElse(home(divisions).id());
            Optional<String> inQueueFlow = q.text("inQueueFlow").map(ref -> flows.stream()
                    .filter(f -> f.id().equals(ref) || f.name().equals(ref)).findFirst()
                    .orElseThrow(() -> q.problem("inQueueFlow", "no flow named \"" + ref + "\" in flows")).id());
            queues.add(new Queue(q.text("id").orElseGet(ids::next), q.requiredText("name"), division, inQueueFlow));
        }
        unique(queues, Queue::name, top, "queues", "name");
        unique(queues, Queue::id, top, "queues", "id");

        List<Agent> agents = new ArrayList<>();
        for (ScenarioNode a : top.objects("agents")) {
            a.allowOnly(Set.of("id", "name", "division"));
            agents.add(new Agent(a.text("id").orElseGet(ids::next), a.requiredText("name"), divisionOf(a, divisions)));
        }
        unique(agents, Agent::name, top, "agents", "name");

        List<Deployment> deployments = new ArrayList<>();
        for (ScenarioNode d : top.objects("deployments")) {
            d.allowOnly(Set.of("id", "name", "conversationDisconnect", "queue"));
            String mode = d.text("conversationDisconnect").orElse("ReadOnly");
            if (!DISCONNECT_MODES.contains(mode)) {
                throw d.problem("conversationDisconnect", "\"" + mode + "\" is not one of Send, ReadOnly, Off");
            }
            Optional<String> queueId = Optional.empty();
            if (d.text("queue").isPresent()) {
                String named = d.text("queue").get();
                queueId = Optional.of(queues.stream().filter(q -> q.id().equals(named) || q.name().equals(named)).findFirst()
                        .orElseThrow(() -> d.problem("queue", "unknown queue \"" + named + "\"")).id());
            }
            deployments.add(new Deployment(d.text("id").orElseGet(ids::next), d.requiredText("name"), mode, queueId));
        }

        List<OAuthClient> clients = new ArrayList<>();
        for (ScenarioNode c : top.objects("oauthClients")) {
            c.allowOnly(Set.of("id", "secret", "name", "roles", "roleDivisions", "accessTokenValiditySeconds", "grantType", "state",
                    "redirectUris"));
            List<RoleDivision> grants = grants(c, roles, divisions);
            String grant = c.text("grantType").orElse("CLIENT-CREDENTIALS");
            if (!GRANT_TYPES.contains(grant)) {
                throw c.problem("grantType", "\"" + grant + "\" is not one of " + String.join(", ", GRANT_TYPES));
            }
            String state = c.text("state").orElse("active");
            if (!CLIENT_STATES.contains(state)) {
                throw c.problem("state", "\"" + state + "\" is not one of active, disabled, inactive");
            }
            Optional<Integer> validity = c.number("accessTokenValiditySeconds", 300, 172_800).map(Long::intValue);
            String id = c.text("id").orElseGet(ids::next);
            List<String> redirectUris = c.texts("redirectUris");
            if (grant.equals("CODE") && redirectUris.isEmpty()) {
                throw c.problem("redirectUris", "a client of the CODE grant needs at least one redirect URI (the platform sends codes nowhere else)");
            }
            // A CODE client used with PKCE is public: it may have no secret.
            String secret = grant.equals("CODE") ? c.text("secret").orElse("") : c.requiredText("secret");
            clients.add(new OAuthClient(id, secret, c.text("name").orElse(id), grants, validity, grant, state, redirectUris));
        }
        unique(clients, OAuthClient::id, top, "oauthClients", "id");

        List<User> users = new ArrayList<>();
        for (ScenarioNode u : top.objects("users")) {
            u.allowOnly(Set.of("id", "name", "email", "password", "division", "roles", "roleDivisions"));
            String division = u.text("division").map(ref -> division(divisions, ref)
                    .orElseThrow(() -> u.problem("division", "no division named \"" + ref + "\"")).id()).orElse(home(divisions).id());
            users.add(new User(u.text("id").orElseGet(ids::next), u.requiredText("name"), u.requiredText("email"),
                    u.requiredText("password"), division, grants(u, roles, divisions)));
        }
        unique(users, User::email, top, "users", "email");
        unique(users, User::id, top, "users", "id");

        Org org = new Org(orgId, orgName, divisions, roles, clients, queues, agents, deployments, flows, users);
        List<GuestSpec> guests = new ArrayList<>();
        List<ScenarioNode> guestNodes = top.objects("guests");
        Set<String> labels = new HashSet<>();
        Set<String> guestIds = new HashSet<>();
        for (int i = 0; i < guestNodes.size(); i++) {
            for (GuestSpec g : GuestReader.read(guestNodes.get(i), org, settings, "guest-" + (i + 1))) {
                if (!labels.add(g.label())) {
                    throw guestNodes.get(i).problem("label", "\"" + g.label() + "\" is given twice");
                }
                if (g.id().isPresent() && !guestIds.add(g.id().get())) {
                    throw guestNodes.get(i).problem("id", "\"" + g.id().get() + "\" is given twice");
                }
                guests.add(g);
            }
        }
        return new Scenario(org, settings, guests, ids, seed);
    }

    /** A client's or user's role grants: {@code roles} in the home division, {@code roleDivisions} where they say. */
    private static List<RoleDivision> grants(ScenarioNode c, List<Role> roles, List<Division> divisions) {
        List<RoleDivision> grants = new ArrayList<>();
        List<String> roleRefs = c.texts("roles");
        for (int i = 0; i < roleRefs.size(); i++) {
            grants.add(new RoleDivision(role(roles, roleRefs.get(i), c.where("roles") + "[" + i + "]"), home(divisions).id()));
        }
        for (ScenarioNode g : c.objects("roleDivisions")) {
            g.allowOnly(Set.of("role", "division"));
            String divisionRef = g.requiredText("division");
            String divisionId = divisionRef.equals(RoleDivision.ALL_DIVISIONS) ? RoleDivision.ALL_DIVISIONS
                    : division(divisions, divisionRef).orElseThrow(() -> g.problem("division",
                            "no division named \"" + divisionRef + "\" (or \"*\" for all divisions)")).id();
            grants.add(new RoleDivision(role(roles, g.requiredText("role"), g.where("role")), divisionId));
        }
        return grants.stream().distinct().toList();
    }

    /**
     * The scenario's divisions; without any, one home division named "Home" (so every queue, conversation
     * and role grant lies in it, as in an org that never made divisions). The home division is the one
     * marked {@code "home": true}, else the first.
     */
    private static List<Division> divisions(ScenarioNode top, Ids ids) {
        List<ScenarioNode> nodes = top.objects("divisions");
        if (nodes.isEmpty()) {
            return List.of(new Division(ids.next(), "Home", true));
        }
        long marked = nodes.stream().filter(d -> d.node().path("home").asBoolean(false)).count();
        if (marked > 1) {
            throw new ScenarioException(top.where("divisions") + ": only one division can be the home division");
        }
        List<Division> divisions = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ScenarioNode d = nodes.get(i);
            d.allowOnly(Set.of("id", "name", "home"));
            if (d.has("home") && !d.node().get("home").isBoolean()) {
                throw d.problem("home", "expected true or false, got " + d.node().get("home"));
            }
            boolean home = marked == 0 ? i == 0 : d.node().path("home").asBoolean(false);
            String name = d.requiredText("name");
            if (name.equals(RoleDivision.ALL_DIVISIONS)) {
                throw d.problem("name", "\"*\" means all divisions and cannot name one");
            }
            divisions.add(new Division(d.text("id").orElseGet(ids::next), name, home));
        }
        unique(divisions, Division::name, top, "divisions", "name");
        unique(divisions, Division::id, top, "divisions", "id");
        return divisions;
    }

    /** A flow's or agent's {@code division} (name or id); absent: empty, the home division. */
    private static Optional<String> divisionOf(ScenarioNode node, List<Division> divisions) {
        return node.text("division").map(ref -> division(divisions, ref)
                .orElseThrow(() -> node.problem("division", "no division named \"" + ref + "\"")).id());
    }

    private static Division home(List<Division> divisions) {
        return divisions.stream().filter(Division::home).findFirst().orElseThrow();
    }

    private static Optional<Division> division(List<Division> divisions, String ref) {
        return divisions.stream().filter(d -> d.name().equals(ref) || d.id().equals(ref)).findFirst();
    }

    private static String role(List<Role> roles, String ref, String where) {
        return roles.stream().filter(r -> r.name().equals(ref) || r.id().equals(ref)).findFirst()
                .orElseThrow(() -> new ScenarioException(where + ": no role named \"" + ref + "\"")).id();
    }

    private static <T> void unique(List<T> items, Function<T, String> key, ScenarioNode top, String list, String field) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String k = key.apply(items.get(i));
            if (!seen.add(k)) {
                throw new ScenarioException(top.where(list) + "[" + i + "]." + field + ": \"" + k + "\" is given twice");
            }
        }
    }
}
