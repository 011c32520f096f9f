package dev.unstuck.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP against a sandbox the test started itself (any options). */
final class RunningSandboxClient {
    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    RunningSandboxClient(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    RunningSandbox.Reply tokenRequest(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/oauth/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new RunningSandbox.Reply(r.statusCode(), r, RunningSandbox.JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
