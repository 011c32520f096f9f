package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GENESYSCLOUD_ACCESS_TOKEN as gc and the Genesys Terraform provider take it: the token is used as it
 * is (no client-credentials grant, no renewal), and once Genesys refuses it the user is told to bring
 * a new one, without the token ever printed.
 */
class AccessTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(CliAgainstSandboxTest.SCENARIO);

    @TempDir
    Path home;

    String token;

    /** A token minted as any OAuth client gets one: the sandbox's client-credentials grant. */
    @BeforeEach
    void mint() throws Exception {
        String basic = Base64.getEncoder().encodeToString("operator:operator-secret-1".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(org.baseUri() + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        token = JSON.readTree(answer.body()).path("access_token").asText();
        assertThat(token).isNotBlank();
        org.control().clearRequests();
    }

    private CliRun withToken() {
        return new CliRun(home).env("GENESYSCLOUD_REGION", org.baseUri().toString()).env("GENESYSCLOUD_ACCESS_TOKEN", token)
                .env("UNSTUCK_AUDIT_DB", home.resolve("audit.db").toString());
    }

    private long tokenRequests() {
        return org.control().requests().stream().filter(r -> r.path().startsWith("/oauth/token")).count();
    }

    @Test
    void aReadyTokenIsUsedAsItIsWithoutAGrant() throws Exception {
        CliRun.Result doctor = withToken().run("doctor", "-o", "json");

        assertThat(doctor.exitCode()).as(doctor.all()).isZero();
        JsonNode report = JSON.readTree(doctor.out());
        assertThat(report.path("clientId").asText()).as("the client behind the token, from tokens/me").isEqualTo("operator");
        assertThat(tokenRequests()).as("no client-credentials grant").isZero();
        assertThat(doctor.all()).doesNotContain(token);
    }

    @Test
    void theTokenWinsOverClientCredentialsInTheEnvironment() {
        CliRun.Result result = withToken().env("GENESYSCLOUD_OAUTHCLIENT_ID", "operator")
                .env("GENESYSCLOUD_OAUTHCLIENT_SECRET", "a-wrong-secret").run("inspect", org.id("waiting-1"));

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void aRevokedTokenSaysToGetANewOneAndIsNotRenewed() {
        org.control().revokeTokens();

        CliRun.Result result = withToken().run("inspect", org.id("waiting-1"));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("refused the access token (401)", "expired or was revoked", "GENESYSCLOUD_ACCESS_TOKEN")
                .doesNotContain("Exception");
        assertThat(result.all()).doesNotContain(token);
        assertThat(tokenRequests()).as("a ready token is never renewed").isZero();
        assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
    }

    @Test
    void aTokenWithoutARegionIsAConfigurationError() {
        CliRun.Result result = new CliRun(home).env("GENESYSCLOUD_ACCESS_TOKEN", token).run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("GENESYSCLOUD_ACCESS_TOKEN is set but not GENESYSCLOUD_REGION").doesNotContain(token);
    }
}
