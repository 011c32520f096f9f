package dev.unstuck.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The demo's org: sandbox/scenarios/demo.json as packaged in the application jar, and the OAuth client the demo uses. */
public final class DemoScenario {
    static final String RESOURCE = "/scenarios/demo.json";

    /** The scenario's client that the tour, the watch and the written config file log in as. */
    public static final String CLIENT = "unstuck-demo";

    private DemoScenario() {
    }

    public static String json() {
        try (InputStream in = DemoScenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario is missing from the application jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo scenario", e);
        }
    }

    /** The secret of {@link #CLIENT} in that scenario. */
    static String secret(String scenario) {
        try {
            for (JsonNode client : new ObjectMapper().readTree(scenario).path("oauthClients")) {
                if (client.path("id").asText().equals(CLIENT)) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the demo scenario is not JSON", e);
        }
        throw new IllegalStateException("the demo scenario has no OAuth client '" + CLIENT + "'");
    }
}
