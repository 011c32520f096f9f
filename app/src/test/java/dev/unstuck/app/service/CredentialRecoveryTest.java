package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An org's credentials refused at Genesys and fixed there by an administrator, on the sandbox's manual
 * clock: the service shows the refusal (in {@code /api/v1/orgs} and {@code unstuck_org_credentials_ok}),
 * stays ready, and once the fix is in force at Genesys sees it by itself at its next credential check,
 * without a restart, and ends conversations again.
 */
class CredentialRecoveryTest {
    private static final String DISCONNECT = "conversation:communication:disconnect";

    /** The service's org with its permissions listed one by one, so one can be taken from its role. */
    private static ScenarioBuilder org() {
        return ScenarioBuilder.seed(5).setting("rateLimitPerMinute", 100_000)
                .role("operator", DISCONNECT, "conversation:*:view", "conversation:participant:wrapup", "analytics:*:*",
                        "routing:queue:view", "authorization:role:view")
                .client(Client.of(ServiceFixture.CLIENT_ID, ServiceFixture.SECRET).name("service").roles("operator"))
                .queues("Support").agents("Ana Agent")
                .guests(Guest.waiting("waiting").queue("Support").ageSeconds(4000),
                        Guest.waiting("waiting2").queue("Support").ageSeconds(3900));
    }

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.on(org()).onTheSandboxClock();

    @Test
    void aDisabledClientIsShownRefusedAndWorksAgainAtTheFirstCheckAfterItIsEnabled() {
        awaitCredentials("ok");
        assertThat(credentialsOk()).isEqualTo(1);

        fx.control.clientState(ServiceFixture.CLIENT_ID, "inactive");
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);

        await().atMost(Duration.ofSeconds(20)).until(() -> orgNow().path("credentials").asText().startsWith("credentials refused"));
        assertThat(orgNow().path("up").asBoolean()).isFalse();
        assertThat(orgNow().path("problem").asText()).startsWith("credentials refused");
        assertThat(credentialsOk()).isEqualTo(0);
        assertThat(fx.call("GET", "/readyz", Optional.empty(), Optional.empty(), Map.of()).status())
                .as("Genesys trouble never makes the replica unready").isEqualTo(200);

        fx.control.clientState(ServiceFixture.CLIENT_ID, "active");
        // The client's own memory of the refusal lasts a minute of real time; the check must not wait for it.
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);

        awaitCredentials("ok");
        assertThat(orgNow().path("up").asBoolean()).isTrue();
        assertThat(credentialsOk()).isEqualTo(1);
        assertEnds("waiting");
    }

    @Test
    void anActRefusedForAPermissionIsShownAndWorksAgainAtTheFirstCheckAfterGenesysAppliesTheGrant() {
        awaitCredentials("ok");
        Instant taken = fx.control.takePermission("operator", DISCONNECT);
        fx.control.advance(Duration.between(fx.control.now(), taken));

        ServiceFixture.Answer refused = fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-7\"}");
        assertThat(refused.json().path("outcome").asText()).as(refused.body()).startsWith("failed");
        assertThat(fx.control.ended("waiting")).isFalse();
        assertThat(orgNow().path("credentials").asText()).startsWith("acts refused (403)").contains(DISCONNECT);
        assertThat(orgNow().path("problem").asText()).startsWith("acts refused (403)");
        assertThat(credentialsOk()).isEqualTo(0);

        Instant given = fx.control.givePermission("operator", DISCONNECT);
        assertThat(Duration.between(fx.control.now(), given)).as("the sandbox applies a role edit as late as Genesys may: five minutes")
                .isEqualTo(Duration.ofMinutes(5));
        // A check is due by then (five minutes is many check intervals), so the first one after the grant sees it.
        fx.control.advance(Duration.between(fx.control.now(), given));

        awaitCredentials("ok");
        assertThat(orgNow().path("up").asBoolean()).isTrue();
        assertThat(credentialsOk()).isEqualTo(1);
        assertEnds("waiting");
    }

    @Test
    void aPermissionGivenBackIsUsedEvenWhereATokenKeepsTheGrantsItWasIssuedWith() {
        fx.control.settings("{\"tokenGrants\": \"atIssue\"}");
        awaitCredentials("ok");
        Instant taken = fx.control.takePermission("operator", DISCONNECT);
        fx.control.advance(Duration.between(fx.control.now(), taken));
        fx.control.revokeTokens(); // the service's next token is issued without the permission, and would keep lacking it
        assertThat(fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-10\"}").json().path("outcome").asText()).startsWith("failed");
        assertThat(orgNow().path("credentials").asText()).startsWith("acts refused (403)");

        Instant given = fx.control.givePermission("operator", DISCONNECT);
        fx.control.advance(Duration.between(fx.control.now(), given));

        awaitCredentials("ok");
        assertEnds("waiting");
        assertThat(orgNow().path("credentials").asText()).isEqualTo("ok");
    }

    @Test
    void aClientThatMayNotReadItsRolesSeesAPermissionGivenBackAtItsNextEndingThatSucceeds() {
        awaitCredentials("ok");
        fx.control.takePermission("operator", "authorization:role:view");
        Instant taken = fx.control.takePermission("operator", DISCONNECT);
        fx.control.advance(Duration.between(fx.control.now(), taken));
        assertThat(fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-9\"}").json().path("outcome").asText()).startsWith("failed");

        Instant given = fx.control.givePermission("operator", DISCONNECT);
        fx.control.clearRequests();
        fx.control.advance(Duration.between(fx.control.now(), given));

        // The check ran on the grant's time and could not read the role: the refusal stands, and says why.
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.control.requests().stream()
                .anyMatch(r -> r.path().startsWith("/api/v2/authorization/roles/") && r.status() == 403));
        await().atMost(Duration.ofSeconds(20)).until(() -> orgNow().path("credentials").asText().contains("authorization:role:view"));
        assertThat(credentialsOk()).isEqualTo(0);

        assertEnds("waiting");
        awaitCredentials("ok");
        assertThat(credentialsOk()).isEqualTo(1);
    }

    private void assertEnds(String label) {
        ServiceFixture.Answer end = fx.post(endPath(label), fx.operator, "{\"reason\":\"INC-8\"}");
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.json().path("outcome").asText()).as(end.body()).startsWith("ended");
        assertThat(fx.control.ended(label)).isTrue();
    }

    private static String endPath(String label) {
        return "/api/v1/orgs/acme/conversations/" + fx.guest(label).id() + "/end";
    }

    private static void awaitCredentials(String said) {
        await().atMost(Duration.ofSeconds(20)).until(() -> orgNow().path("credentials").asText().equals(said));
    }

    private static JsonNode orgNow() {
        return fx.get("/api/v1/orgs", fx.viewer).json().path("orgs").get(0);
    }

    private static double credentialsOk() {
        String series = "unstuck_org_credentials_ok{org=\"acme\"}";
        String scrape = fx.scrape();
        return scrape.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
    }
}
