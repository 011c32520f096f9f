package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI document as a client author meets it: public, an operationId on every operation, every
 * answer typed, and the answers the service really gives valid against the schemas it states.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT_IRI = "https://unstuck.invalid/api/v1/openapi.json";
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();
    JsonNode doc;

    @BeforeEach
    void start() throws Exception {
        doc = OpenApi.document();
    }

    @Test
    void anyoneMayReadTheDocumentWithoutAToken() {
        ServiceFixture.Answer answer = fx.call("GET", "/api/v1/openapi.json", Optional.empty(), Optional.empty(), Map.of());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("paths").has("/api/v1/orgs/{org}/conversations/{id}/end")).isTrue();
        assertThat(operation("GET /api/v1/openapi.json").path("security")).as("no credential asked").isEmpty();
        assertThat(fx.call("GET", "/api/v1/orgs", Optional.empty(), Optional.empty(), Map.of()).status())
                .as("the rest still needs a token").isEqualTo(401);
    }

    @Test
    void everyRouteServedHasOneOperationWithAReadableUniqueId() {
        Set<String> documented = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                documented.add(op.getKey().toUpperCase() + " " + path.getKey());
                String id = op.getValue().path("operationId").asText();
                assertThat(id).as(op.getKey() + " " + path.getKey()).matches("[a-z][A-Za-z]{3,40}");
                assertThat(ids.add(id)).as("operationId " + id + " is unique").isTrue();
            });
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(ServiceApi.ROUTES);
        assertThat(ids).contains("endConversation", "inspectConversation", "startSweep", "getSweep", "listAudit", "getReport",
                "listOrgs", "whoAmI", "createToken", "revokeToken");
    }

    @Test
    void everyAnswerIsTypedAndEveryErrorHasTheOneProblemShape() {
        for (String route : ServiceApi.ROUTES) {
            operation(route).path("responses").fields().forEachRemaining(r -> {
                String status = r.getKey();
                JsonNode response = resolve(r.getValue());
                if (status.equals("204")) {
                    assertThat(response.has("content")).as(route + " " + status).isFalse();
                    return;
                }
                assertThat(response.path("content").size()).as(route + " " + status + " has content").isPositive();
                response.path("content").forEach(media -> assertThat(media.has("schema")).as(route + " " + status).isTrue());
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.path("content").path("application/json").path("schema").path("$ref").asText())
                            .as(route + " " + status).isEqualTo("#/components/schemas/Problem");
                }
            });
        }
    }

    @Test
    void theOutputSchemasAreTheOnesTheCliPrintsAndValidates() throws IOException {
        JsonNode components = doc.path("components").path("schemas");

        assertThat(components.path("Outcome")).isEqualTo(fromDocs("outcome"));
        assertThat(components.path("Outcome").path("required")).extracting(JsonNode::toString).asString()
                .contains("skipReason", "error", "plan", "tookMs");
        assertThat(components.path("Plan")).isEqualTo(fromDocs("plan"));
        assertThat(components.path("Step")).isEqualTo(fromDocs("step"));
        assertThat(components.path("SweepReport")).isEqualTo(fromDocs("sweep"));
        assertThat(components.path("Report")).isEqualTo(fromDocs("report"));
        assertThat(components.path("AuditRecord")).as("one audit record for the CLI and the API").isEqualTo(fromDocs("audit").path("items"));
        JsonNode inspect = fromDocs("inspect");
        assertThat(components.path("Leg")).isEqualTo(inspect.path("$defs").path("leg"));
        ObjectNode found = (ObjectNode) inspect.path("items").path("oneOf").path(0).deepCopy();
        ((ObjectNode) found.path("properties")).remove("found"); // the API answers 404 instead of found: false
        List<JsonNode> required = new ArrayList<>();
        found.path("required").forEach(f -> {
            if (!f.asText().equals("found")) {
                required.add(f);
            }
        });
        found.putArray("required").addAll(required);
        ObjectNode conversation = components.path("Conversation").deepCopy();
        conversation.remove("description");
        assertThat(conversation).isEqualTo(found);
    }

    @Test
    void theServicesAnswersMatchTheSchemasTheDocumentStates() {
        String waiting = fx.guest("waiting").id();
        String live = fx.guest("live").id();
        String end = "/api/v1/orgs/acme/conversations/%s/end";

        valid("GET /api/v1/me", fx.get("/api/v1/me", fx.viewer));
        valid("GET /api/v1/orgs", fx.get("/api/v1/orgs", fx.viewer));
        valid("GET /api/v1/orgs/{org}/conversations/{id}", fx.get("/api/v1/orgs/acme/conversations/" + waiting, fx.viewer));
        valid("GET /api/v1/orgs/{org}/queues", fx.get("/api/v1/orgs/acme/queues", fx.viewer));
        valid("POST /api/v1/orgs/{org}/conversations/{id}/end", fx.post(end.formatted(waiting), fx.operator,
                "{\"reason\":\"INC-1\",\"dryRun\":true}"));
        valid("POST /api/v1/orgs/{org}/conversations/{id}/end", fx.post(end.formatted(live), fx.operator, "{\"reason\":\"INC-1\"}"));
        ServiceFixture.Answer ended = fx.post(end.formatted(waiting), fx.operator, "{\"reason\":\"INC-1\"}");
        valid("POST /api/v1/orgs/{org}/conversations/{id}/end", ended);
        assertThat(ended.json().path("outcome").asText()).startsWith("ended");
        valid("POST /api/v1/orgs/{org}/conversations/{id}/end", fx.post(end.formatted(waiting), fx.viewer, "{\"reason\":\"INC-1\"}"));
        valid("POST /api/v1/orgs/{org}/conversations/{id}/end", fx.post(end.formatted("nope"), fx.operator, "{\"reason\":\"INC-1\"}"));
        valid("GET /api/v1/orgs/{org}/conversations/{id}", fx.get("/api/v1/orgs/elsewhere/conversations/" + waiting, fx.viewer));
        ServiceFixture.Answer sweep = fx.post("/api/v1/orgs/acme/sweeps", fx.operator, "{\"dryRun\":true}");
        valid("POST /api/v1/orgs/{org}/sweeps", sweep);
        String read = "/api/v1/orgs/acme/sweeps/" + sweep.json().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !fx.get(read, fx.viewer).json().path("state").asText().equals("running"));
        ServiceFixture.Answer done = fx.get(read, fx.viewer);
        assertThat(done.json().path("state").asText()).as(done.body()).isEqualTo("done");
        valid("GET /api/v1/orgs/{org}/sweeps/{sweepId}", done);
        valid("GET /api/v1/audit", fx.get("/api/v1/audit?org=acme", fx.viewer));
        valid("GET /api/v1/report", fx.get("/api/v1/report?org=acme", fx.viewer));
        valid("GET /api/v1/tokens", fx.get("/api/v1/tokens", fx.admin));
        valid("POST /api/v1/tokens", fx.post("/api/v1/tokens", fx.admin, "{\"name\":\"ci\",\"role\":\"viewer\"}"));
        valid("POST /api/v1/tokens", fx.post("/api/v1/tokens", fx.admin, "{\"name\":\"ci\",\"role\":\"viewer\"}"));
        valid("GET /api/v1/tokens", fx.call("GET", "/api/v1/tokens", Optional.empty(), Optional.empty(), Map.of()));
    }

    /** Asserts the answer's status is documented for the route and its body valid against the schema stated there. */
    private void valid(String route, ServiceFixture.Answer answer) {
        JsonNode response = operation(route).path("responses").path(String.valueOf(answer.status()));
        assertThat(response.isMissingNode()).as(route + " documents " + answer.status() + ": " + answer.body()).isFalse();
        JsonNode schema = resolve(response).path("content").path("application/json").path("schema");
        String wrapper = JSON.createObjectNode().put("$ref", DOCUMENT_IRI + schema.path("$ref").asText()).toString();
        String text = doc.toString();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(iri -> iri.equals(DOCUMENT_IRI) ? text : null));
        assertThat(schema.path("$ref").asText()).as(route + " " + answer.status()).startsWith("#/components/schemas/");
        assertThat(registry.getSchema(wrapper).validate(answer.body(), InputFormat.JSON)).as(route + " " + answer.status() + ": "
                + answer.body()).isEmpty();
    }

    private JsonNode operation(String route) {
        String[] parts = route.split(" ");
        return doc.path("paths").path(parts[1]).path(parts[0].toLowerCase());
    }

    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText();
        return ref.isEmpty() ? response : doc.at(ref.substring(1));
    }

    /** docs/schemas/NAME.schema.json as the document holds it: refs to its components, no $schema or title. */
    private static JsonNode fromDocs(String name) throws IOException {
        String text = Files.readString(SCHEMAS.resolve(name + ".schema.json"))
                .replace("\"outcome.schema.json\"", "\"#/components/schemas/Outcome\"")
                .replace("\"plan.schema.json\"", "\"#/components/schemas/Plan\"")
                .replace("\"step.schema.json\"", "\"#/components/schemas/Step\"")
                .replace("\"#/$defs/leg\"", "\"#/components/schemas/Leg\"");
        ObjectNode node = (ObjectNode) JSON.readTree(text);
        node.remove("$schema");
        node.remove("title");
        return node;
    }
}
