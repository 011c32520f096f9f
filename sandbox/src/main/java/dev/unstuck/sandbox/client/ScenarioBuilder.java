package dev.unstuck.sandbox.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A scenario (docs/sandbox.md, "Scenario format") written as the org it describes, for tests, the demo and
 * the bench: {@code ScenarioBuilder.seed(5).role("operator", "conversation:*:*").client("svc", "s3cret",
 * "operator").queues("Support").agents("Ana Agent").guests(Guest.waiting("old").queue("Support").ageSeconds(4000)).json()}.
 * Every call adds to the scenario; nothing is checked here, the sandbox checks the scenario on load and says
 * what is wrong and where. Like {@link SandboxClient} it knows nothing of the sandbox's classes: it writes JSON.
 * A builder is not shared: each call changes it, so a preset hands out a fresh one each time.
 */
public final class ScenarioBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();

    private ScenarioBuilder() {
    }

    /** An empty scenario (the sandbox's seed, 42); add to it. */
    public static ScenarioBuilder scenario() {
        return new ScenarioBuilder();
    }

    /** An empty scenario whose generated ids come from {@code seed}. */
    public static ScenarioBuilder seed(long seed) {
        ScenarioBuilder builder = new ScenarioBuilder();
        builder.root.put("seed", seed);
        return builder;
    }

    /** The org's name (and, if not empty, its id). */
    public ScenarioBuilder org(String name, String id) {
        ObjectNode org = root.putObject("org").put("name", name);
        if (!id.isEmpty()) {
            org.put("id", id);
        }
        return this;
    }

    /** One setting (docs/sandbox.md, the settings table), e.g. {@code setting("rateLimitPerMinute", 100_000)}. */
    public ScenarioBuilder setting(String name, Object value) {
        ObjectNode settings = root.has("settings") ? (ObjectNode) root.get("settings") : root.putObject("settings");
        settings.set(name, JSON.valueToTree(value));
        return this;
    }

    /** Divisions by name; the first is the home division. */
    public ScenarioBuilder divisions(String... names) {
        for (String name : names) {
            list("divisions").addObject().put("name", name);
        }
        return this;
    }

    /** A role with these permissions ({@code domain:entity:action}, {@code *} allowed). */
    public ScenarioBuilder role(String name, String... permissions) {
        ObjectNode role = list("roles").addObject().put("name", name);
        texts(role, "permissions", List.of(permissions));
        return this;
    }

    /** An OAuth client of the client-credentials grant, with these roles in the home division; its name is its id. */
    public ScenarioBuilder client(String id, String secret, String... roles) {
        return client(Client.of(id, secret).roles(roles));
    }

    public ScenarioBuilder client(Client client) {
        list("oauthClients").add(client.node);
        return this;
    }

    /** A person who signs in (authorization code grant), with these roles in the home division. */
    public ScenarioBuilder user(String name, String email, String password, String... roles) {
        return user(User.of(name, email, password).roles(roles));
    }

    public ScenarioBuilder user(User user) {
        list("users").add(user.node);
        return this;
    }

    /** Queues by name, in the home division, each with no in-queue flow of its own. */
    public ScenarioBuilder queues(String... names) {
        for (String name : names) {
            list("queues").addObject().put("name", name);
        }
        return this;
    }

    /** A queue beyond the plain one: its id, division or in-queue flow. */
    public ScenarioBuilder queue(Queue queue) {
        list("queues").add(queue.node);
        return this;
    }

    /** An in-queue message flow. */
    public ScenarioBuilder flow(String name) {
        list("flows").addObject().put("name", name);
        return this;
    }

    /** An in-queue message flow with the id given (else derived from the org and the name). */
    public ScenarioBuilder flow(String name, String id) {
        list("flows").addObject().put("id", id).put("name", name);
        return this;
    }

    /** Agents by name, in the home division. */
    public ScenarioBuilder agents(String... names) {
        for (String name : names) {
            list("agents").addObject().put("name", name);
        }
        return this;
    }

    public ScenarioBuilder guests(Guest... guests) {
        for (Guest guest : guests) {
            list("guests").add(guest.node);
        }
        return this;
    }

    public ScenarioBuilder guests(List<Guest> guests) {
        return guests(guests.toArray(Guest[]::new));
    }

    /** The scenario as the sandbox takes it ({@code --scenario}, {@link SandboxClient#loadScenario(String)}). */
    public String json() {
        return root.toString();
    }

    @Override
    public String toString() {
        return json();
    }

    private ArrayNode list(String name) {
        return root.has(name) ? (ArrayNode) root.get(name) : root.putArray(name);
    }

    private static void texts(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    /** An OAuth client beyond the plain one: its name, roles per division, grant, state, token lifetime. */
    public static final class Client {
        private final ObjectNode node = JSON.createObjectNode();

        private Client(String id, String secret) {
            node.put("id", id);
            if (!secret.isEmpty()) {
                node.put("secret", secret);
            }
        }

        /** A client with that id and secret; an empty secret writes none (a public client of the CODE grant, used with PKCE). */
        public static Client of(String id, String secret) {
            return new Client(id, secret);
        }

        public Client name(String name) {
            node.put("name", name);
            return this;
        }

        /** Roles in the home division. */
        public Client roles(String... roles) {
            ArrayNode array = node.has("roles") ? (ArrayNode) node.get("roles") : node.putArray("roles");
            List.of(roles).forEach(array::add);
            return this;
        }

        /** A role in one division (by name, or {@code *} for every division). */
        public Client role(String role, String division) {
            ArrayNode array = node.has("roleDivisions") ? (ArrayNode) node.get("roleDivisions") : node.putArray("roleDivisions");
            array.addObject().put("role", role).put("division", division);
            return this;
        }

        public Client tokenLifetimeSeconds(int seconds) {
            node.put("accessTokenValiditySeconds", seconds);
            return this;
        }

        /** {@code CODE} needs {@code redirectUris}; the default is {@code CLIENT-CREDENTIALS}. */
        public Client grant(String grantType, String... redirectUris) {
            node.put("grantType", grantType);
            if (redirectUris.length > 0) {
                ArrayNode array = node.putArray("redirectUris");
                List.of(redirectUris).forEach(array::add);
            }
            return this;
        }

        /** {@code active} (the default), {@code disabled} or {@code inactive}. */
        public Client state(String state) {
            node.put("state", state);
            return this;
        }
    }

    /** A person of the org, who signs in with email and password; in the home division unless {@link #division(String)}. */
    public static final class User {
        private final ObjectNode node = JSON.createObjectNode();

        private User(String name, String email, String password) {
            node.put("name", name).put("email", email).put("password", password);
        }

        public static User of(String name, String email, String password) {
            return new User(name, email, password);
        }

        public User division(String division) {
            node.put("division", division);
            return this;
        }

        /** Roles in the home division. */
        public User roles(String... roles) {
            ArrayNode array = node.has("roles") ? (ArrayNode) node.get("roles") : node.putArray("roles");
            List.of(roles).forEach(array::add);
            return this;
        }

        /** A role in one division (by name, or {@code *} for every division). */
        public User role(String role, String division) {
            ArrayNode array = node.has("roleDivisions") ? (ArrayNode) node.get("roleDivisions") : node.putArray("roleDivisions");
            array.addObject().put("role", role).put("division", division);
            return this;
        }
    }

    /** A queue with more than a name. */
    public static final class Queue {
        private final ObjectNode node = JSON.createObjectNode();

        private Queue(String name) {
            node.put("name", name);
        }

        public static Queue named(String name) {
            return new Queue(name);
        }

        public Queue id(String id) {
            node.put("id", id);
            return this;
        }

        /** The division's name or id (default: the home division). */
        public Queue division(String division) {
            node.put("division", division);
            return this;
        }

        /** The flow (name or id) its looping guests pass through between queue entries. */
        public Queue inQueueFlow(String flow) {
            node.put("inQueueFlow", flow);
            return this;
        }
    }

    /**
     * A guest of one kind (docs/sandbox.md: waiting, looping, orphaned, live-agent, offered, acw, ended,
     * ghost), in the scenario's first queue unless {@link #queue(String)} says otherwise.
     */
    public static final class Guest {
        private final ObjectNode node = JSON.createObjectNode();

        private Guest(String kind, String label) {
            node.put("label", label).put("kind", kind);
        }

        /** A guest of a kind named as the scenario names it. */
        public static Guest of(String kind, String label) {
            return new Guest(kind, label);
        }

        /** Waits in its queue, never answered. */
        public static Guest waiting(String label) {
            return new Guest("waiting", label);
        }

        /** Bounces between the in-queue flow and the queue. */
        public static Guest looping(String label) {
            return new Guest("looping", label);
        }

        /** Gone, its queue leg left waiting. */
        public static Guest orphaned(String label) {
            return new Guest("orphaned", label);
        }

        /** Talking with an agent (the scenario's first agent unless {@link #agent(String)}). */
        public static Guest liveAgent(String label) {
            return new Guest("live-agent", label);
        }

        /** An agent's offer ringing. */
        public static Guest offered(String label) {
            return new Guest("offered", label);
        }

        /** The agent in after-call work. */
        public static Guest acw(String label) {
            return new Guest("acw", label);
        }

        public static Guest ended(String label) {
            return new Guest("ended", label);
        }

        /** Ended, while analytics still shows it open. */
        public static Guest ghost(String label) {
            return new Guest("ghost", label);
        }

        /** The queue's name or id. */
        public Guest queue(String queue) {
            node.put("queue", queue);
            return this;
        }

        public Guest agent(String agent) {
            node.put("agent", agent);
            return this;
        }

        /** How long ago the conversation started. */
        public Guest ageSeconds(long seconds) {
            node.put("ageSeconds", seconds);
            return this;
        }

        /** A looping guest's passes through the flow so far. */
        public Guest passes(int passes) {
            node.put("passes", passes);
            return this;
        }

        /** That many guests alike, labelled {@code label#1}, {@code label#2}… */
        public Guest count(int count) {
            node.put("count", count);
            return this;
        }

        public Guest id(String id) {
            node.put("id", id);
            return this;
        }

        /** The guest entry alone, for {@link SandboxClient#addGuests(String)}. */
        public String json() {
            return node.toString();
        }
    }
}
