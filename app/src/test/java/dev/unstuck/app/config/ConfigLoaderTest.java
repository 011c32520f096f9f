package dev.unstuck.app.config;

import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.core.detect.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsSeveralOrgsAndExpandsSecretsFromTheEnvironment() throws Exception {
        Path file = write("""
                defaultOrg: eu
                orgs:
                  eu:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: ${EU_SECRET}
                  us:
                    region: mypurecloud.com
                    clientId: def
                    clientSecret: plain
                    requestsPerMinute: 120
                policy:
                  teardownWhenOnlyWrapupPending: true
                audit:
                  db: /var/lib/unstuck/audit.db
                """);
        ConfigFile config = new ConfigLoader(Map.of("EU_SECRET", "from-env")).load(Optional.of(file), dir);
        assertThat(config.orgs()).containsOnlyKeys("eu", "us");
        assertThat(config.orgs().get("eu").clientSecret()).contains("from-env");
        assertThat(config.orgs().get("us").requestsPerMinute()).isEqualTo(120);
        assertThat(config.defaultOrg()).contains("eu");
        assertThat(config.policy().teardownWhenOnlyWrapupPending()).isTrue();
        assertThat(config.policy().teardownAsLastResort()).isTrue();
        assertThat(config.auditDb()).contains("/var/lib/unstuck/audit.db");
    }

    @Test
    void readsTheServiceSectionWithOidcFromTheEnvironment() throws Exception {
        Path file = write("""
                service:
                  host: 127.0.0.1
                  port: 8081
                  managementPort: 9091
                  watch: false
                  scanEvery: 90s
                  oidc:
                    issuer: ${ISSUER}
                    jwksUrl: https://login.example.com/jwks
                    roleClaim: groups
                """);
        ServiceSettings service = new ConfigLoader(Map.of("ISSUER", "https://login.example.com")).load(Optional.of(file), dir).service();
        assertThat(service.host()).contains("127.0.0.1");
        assertThat(service.port()).contains(8081);
        assertThat(service.managementPort()).contains(9091);
        assertThat(service.watch()).contains(false);
        assertThat(service.scanEvery()).contains(Duration.ofSeconds(90));
        assertThat(service.oidc()).contains(new Oidc("https://login.example.com", "https://login.example.com/jwks",
                Oidc.DEFAULT_AUDIENCE, "groups"));
    }

    @Test
    void aFileWithoutServiceSectionLeavesEveryServiceValueToFlagsAndDefaults() throws Exception {
        Path file = write("audit:\n  db: /tmp/a.db\n");
        assertThat(new ConfigLoader(Map.of()).load(Optional.of(file), dir).service()).isEqualTo(ServiceSettings.none());
    }

    @ParameterizedTest
    @MethodSource("badServiceValues")
    void aBadServiceValueIsRefusedWithItsPlace(String yaml, String message) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(ConfigError.class).hasMessageContaining(message);
    }

    static Stream<Arguments> badServiceValues() {
        return Stream.of(
                Arguments.of("service:\n  port: \"8080\"\n", "config.yaml:2: service.port: '8080' is not a whole number from 1 to 65535"),
                Arguments.of("service:\n  port: 9000\n  managementPort: 9000\n", "service.managementPort: is the same as service.port"),
                Arguments.of("service:\n  scanEvery: 0s\n", "service.scanEvery: '0s' must be longer than zero"),
                Arguments.of("service:\n  watch: no-thanks\n", "service.watch: 'no-thanks' is not true or false"),
                Arguments.of("service:\n  oidc:\n    issuer: https://x\n", "service.oidc: has no jwksUrl"),
                Arguments.of("service:\n  prot: 1\n", "unknown key 'prot' at service"));
    }

    @Test
    void aProfilePrintedNeverShowsItsSecret() throws Exception {
        Path file = write("orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: hush\n");
        ConfigFile config = new ConfigLoader(Map.of()).load(Optional.of(file), dir);
        assertThat(config.orgs().get("eu").toString()).doesNotContain("hush");
    }

    @Test
    void noFileAnywhereMeansAnEmptyConfig() {
        assertThat(new ConfigLoader(Map.of()).load(Optional.empty(), dir).orgs()).isEmpty();
    }

    @Test
    void anUnsetVariableIsNamed() throws Exception {
        Path file = write("orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: ${NOPE}\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(ConfigError.class).hasMessageContaining("config.yaml:5: orgs.eu.clientSecret: it refers to ${NOPE}");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheAllowedOnes() throws Exception {
        Path file = write("orgs:\n  eu:\n    region: eu_central_1\n    clientID: abc\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(ConfigError.class).hasMessageContaining("config.yaml:4: unknown key 'clientID' at orgs.eu");
    }

    @Test
    void brokenYamlIsOneLine() throws Exception {
        Path file = write("orgs: [unclosed\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(ConfigError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith("cannot use config file"));
    }

    @Test
    void aMissingExplicitFileIsNamed() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(dir.resolve("nope.yaml")), dir))
                .isInstanceOf(ConfigError.class).hasMessageContaining("does not exist");
    }

    private static final String PROD = """
            orgs:
              prod:
                region: eu_central_1
                clientId: abc
                clientSecret: s
            """;

    private ConfigFile load(String yaml) throws Exception {
        return new ConfigLoader(Map.of()).load(Optional.of(write(yaml)), dir);
    }

    @Test
    void noDetectionSectionAnywhereMeansTheDefaultPolicy() throws Exception {
        ConfigFile config = load(PROD);
        assertThat(config.detectionFor("prod")).isEqualTo(Policy.defaults());
        assertThat(config.detectionFor("default")).isEqualTo(Policy.defaults());
        assertThat(ConfigFile.empty().detectionFor("default")).isEqualTo(Policy.defaults());
        assertThat(load("").detectionFor("default")).isEqualTo(Policy.defaults());
    }

    @Test
    void theTopLevelSectionSetsTheRulesOfEveryOrgAndOfEnvironmentCredentials() throws Exception {
        ConfigFile config = load("""
                detection:
                  maxWait: 45m
                  loop:
                    passes: 4
                    window: 2h
                    nearCaps: 0.5
                  orphanAfter: 90s
                  idleAfter: 1h30m
                  minAge: 5m
                  limit: 20
                """ + PROD);
        QueuePolicy expected = new QueuePolicy(Duration.ofMinutes(45), 4, Duration.ofHours(2), 0.5, Duration.ofSeconds(90),
                Optional.of(Duration.ofMinutes(90)), Duration.ofMinutes(5));
        for (String org : new String[] {"prod", "default", "no-such-org"}) {
            Policy policy = config.detectionFor(org);
            assertThat(policy.rules()).as(org).isEqualTo(expected);
            assertThat(policy.limit()).as(org).isEqualTo(20);
            assertThat(policy.force()).as(org).isFalse();
            assertThat(policy.byQueue()).as(org).isEmpty();
        }
    }

    @Test
    void theDocumentedExampleLoads() throws Exception {
        ConfigFile config = new ConfigLoader(Map.of("PROD_SECRET", "s")).load(Optional.of(write("""
                detection:
                  maxWait: 30m
                  loop:
                    passes: 3
                    window: 1h
                    nearCaps: 0.8
                  orphanAfter: 2m
                  idleAfter: off
                  minAge: 2m
                  allowQueues: [Support, Billing]
                  denyQueues: [VIP]
                  limit: 500
                  queues:
                    Support: { maxWait: 15m }
                    VIP: { maxWait: 2h, loop: { passes: 5 } }
                orgs:
                  prod:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: ${PROD_SECRET}
                    detection:
                      maxWait: 20m
                """)), dir);
        Policy prod = config.detectionFor("prod");
        assertThat(prod.rules()).isEqualTo(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(20)));
        assertThat(prod.rulesFor(Optional.empty(), Optional.of("Support")).maxWait()).isEqualTo(Duration.ofMinutes(15));
        assertThat(prod.rulesFor(Optional.empty(), Optional.of("VIP")))
                .isEqualTo(QueuePolicy.defaults().withMaxWait(Duration.ofHours(2)).withLoop(5, Duration.ofHours(1)));
        assertThat(prod.allowQueues()).containsExactlyInAnyOrder("support", "billing");
        assertThat(prod.limit()).isEqualTo(500);
        assertThat(config.detectionFor("default").rules()).isEqualTo(QueuePolicy.defaults());
    }

    @Test
    void anOrgThatChangesOnlyMaxWaitKeepsEveryOtherTopLevelValue() throws Exception {
        ConfigFile config = load("""
                detection:
                  maxWait: 30m
                  loop: { passes: 5 }
                  minAge: 10m
                  denyQueues: [VIP]
                  limit: 50
                orgs:
                  prod:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: s
                    detection:
                      maxWait: 20m
                  test:
                    region: eu_central_1
                    clientId: def
                    clientSecret: t
                """);
        Policy prod = config.detectionFor("prod");
        assertThat(prod.rules().maxWait()).isEqualTo(Duration.ofMinutes(20));
        assertThat(prod.rules().loopPasses()).isEqualTo(5);
        assertThat(prod.rules().loopWindow()).isEqualTo(QueuePolicy.defaults().loopWindow());
        assertThat(prod.rules().minAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(prod.denyQueues()).containsExactly("vip");
        assertThat(prod.limit()).isEqualTo(50);
        assertThat(config.detectionFor("test").rules().maxWait()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.detectionFor("default").rules().maxWait()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aQueueRuleIsFoundByNameOrByIdAndInheritsTheOrgsEffectiveRules() throws Exception {
        String supportId = "7a1f0c2e-1111-4222-8333-944445555666";
        ConfigFile config = load("""
                detection:
                  maxWait: 30m
                  orphanAfter: 5m
                  queues:
                    Support: { maxWait: 15m }
                    VIP: { maxWait: 2h, loop: { passes: 5 } }
                orgs:
                  prod:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: s
                    detection:
                      orphanAfter: 1m
                      loop: { window: 3h }
                      queues:
                        %s: { minAge: 0s }
                        vip: { idleAfter: 4h }
                """.formatted(supportId));
        Policy prod = config.detectionFor("prod");
        QueuePolicy orgRules = prod.rules();
        assertThat(orgRules.maxWait()).isEqualTo(Duration.ofMinutes(30));
        assertThat(orgRules.orphanAfter()).isEqualTo(Duration.ofMinutes(1));

        QueuePolicy support = prod.rulesFor(Optional.of("some-other-id"), Optional.of("support"));
        assertThat(support).isEqualTo(orgRules.withMaxWait(Duration.ofMinutes(15)));

        QueuePolicy byId = prod.rulesFor(Optional.of(supportId), Optional.of("Support"));
        assertThat(byId).as("the id wins over the name").isEqualTo(orgRules.withMinAge(Duration.ZERO));

        QueuePolicy vip = prod.rulesFor(Optional.empty(), Optional.of("VIP"));
        assertThat(vip.maxWait()).isEqualTo(Duration.ofHours(2));
        assertThat(vip.loopPasses()).isEqualTo(5);
        assertThat(vip.loopWindow()).as("from the org").isEqualTo(Duration.ofHours(3));
        assertThat(vip.orphanAfter()).as("from the org").isEqualTo(Duration.ofMinutes(1));
        assertThat(vip.idleAfter()).as("the org's VIP entry merged with the top-level one").contains(Duration.ofHours(4));

        assertThat(prod.rulesFor(Optional.of("unknown"), Optional.of("Billing"))).isEqualTo(orgRules);
        assertThat(config.detectionFor("default").rulesFor(Optional.empty(), Optional.of("VIP")).loopWindow())
                .isEqualTo(QueuePolicy.defaults().loopWindow());
    }

    @Test
    void allowAndDenyListsDecideWhichQueuesMayBeTouched() throws Exception {
        ConfigFile config = load("""
                detection:
                  allowQueues: [Support, Billing]
                  denyQueues: [Billing]
                orgs:
                  prod:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: s
                    detection:
                      allowQueues: []
                """);
        Policy top = config.detectionFor("default");
        assertThat(top.barred(Optional.empty(), Optional.of("support"))).isEmpty();
        assertThat(top.barred(Optional.empty(), Optional.of("Billing"))).contains(Verdict.LeaveReason.QUEUE_DENIED);
        assertThat(top.barred(Optional.empty(), Optional.of("Sales"))).contains(Verdict.LeaveReason.QUEUE_NOT_ALLOWED);
        Policy prod = config.detectionFor("prod");
        assertThat(prod.barred(Optional.empty(), Optional.of("Sales"))).as("an empty list allows every queue again").isEmpty();
        assertThat(prod.barred(Optional.empty(), Optional.of("Billing"))).contains(Verdict.LeaveReason.QUEUE_DENIED);
    }

    @Test
    void idleAfterIsOffOrADuration() throws Exception {
        ConfigFile config = load("""
                detection:
                  idleAfter: 2h
                  queues:
                    Support: { idleAfter: off }
                    Billing: { idleAfter: "OFF" }
                orgs:
                  prod:
                    region: eu_central_1
                    clientId: abc
                    clientSecret: s
                    detection:
                      idleAfter: off
                """);
        Policy top = config.detectionFor("default");
        assertThat(top.rules().idleAfter()).contains(Duration.ofHours(2));
        assertThat(top.rulesFor(Optional.empty(), Optional.of("Support")).idleAfter()).isEmpty();
        assertThat(top.rulesFor(Optional.empty(), Optional.of("Billing")).idleAfter()).isEmpty();
        assertThat(config.detectionFor("prod").rules().idleAfter()).isEmpty();
    }

    static Stream<Arguments> badDetection() {
        return Stream.of(
                Arguments.of("detection:\n  queues:\n    Support: { maxWait: 30 mins }\n",
                        "detection.queues.Support.maxWait: '30 mins' is not a duration; write it like 90s, 30m, 2h, 1h30m or 2d"),
                Arguments.of("detection:\n  maxWait: 0s\n", "detection.maxWait: '0s' must be longer than zero"),
                Arguments.of("detection:\n  minAge: PT-5M\n", "detection.minAge: 'PT-5M' is negative"),
                Arguments.of("detection:\n  loop: { window: [1h] }\n", "detection.loop.window: expected a duration"),
                Arguments.of("detection:\n  idleAfter: soon\n", "detection.idleAfter: 'soon' is not a duration; write it like 90s, 30m, 2h, 1h30m or 2d (or off)"),
                Arguments.of("detection:\n  idleAfter: true\n", "detection.idleAfter: 'true' is neither off nor a duration"),
                Arguments.of("detection:\n  limit: 0\n", "detection.limit: '0' is not a positive whole number"),
                Arguments.of("detection:\n  limit: 2.5\n", "detection.limit: '2.5' is not a positive whole number"),
                Arguments.of("detection:\n  limit: lots\n", "detection.limit: 'lots' is not a positive whole number"),
                Arguments.of("detection:\n  loop: { passes: 1 }\n", "detection.loop.passes: '1' is not a whole number of at least 2"),
                Arguments.of("detection:\n  loop: { nearCaps: 1.5 }\n", "detection.loop.nearCaps: '1.5' is not a share above 0 and at most 1"),
                Arguments.of("detection:\n  loop: { nearCaps: 0 }\n", "detection.loop.nearCaps: '0' is not a share above 0 and at most 1"),
                Arguments.of("detection:\n  loop: 3\n", "detection.loop: must be a mapping"),
                Arguments.of("detection:\n  loop: { count: 3 }\n", "unknown key 'count' at detection.loop (expected one of [passes, window, nearCaps])"),
                Arguments.of("detection:\n  maxwait: 30m\n", "unknown key 'maxwait' at detection (did you mean 'maxWait'? expected one of [maxWait, loop, orphanAfter,"),
                Arguments.of("detection:\n  queues:\n    VIP: { limit: 5 }\n",
                        "unknown key 'limit' at detection.queues.VIP (expected one of [maxWait, loop, orphanAfter, idleAfter, minAge])"),
                Arguments.of("detection:\n  queues:\n    Support: { maxWait: 1h }\n    support: { maxWait: 2h }\n",
                        "detection.queues: 'Support' and 'support' name the same queue"),
                Arguments.of("detection:\n  queues: [Support]\n", "detection.queues: must map queue names or ids to their rules"),
                Arguments.of("detection:\n  allowQueues: Support\n", "detection.allowQueues: must be a list of queue names or ids"),
                Arguments.of("detection:\n  denyQueues: [VIP, '']\n", "detection.denyQueues: a queue name is empty"),
                Arguments.of("detection: 5\n", "detection: must be a mapping"),
                Arguments.of("detection:\n  force: true\n",
                        "detection.force: force cannot be set in the config file; use --force on the command line"),
                Arguments.of(PROD + "    detection:\n      queues:\n        VIP: { force: true }\n",
                        "orgs.prod.detection.queues.VIP.force: force cannot be set in the config file; use --force on the command line"),
                Arguments.of(PROD + "    detection:\n      maxWait: 20\n", "orgs.prod.detection.maxWait: '20' is not a duration"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badDetection")
    void aBadDetectionValueIsOneLineNamingItsPlace(String yaml, String expected) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(ConfigError.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").matches("cannot use config file " + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .*");
                    assertThat(e.getMessage()).contains(expected);
                });
    }

    private String refusal(String yaml) throws Exception {
        Path file = write(yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir));
        assertThat(thrown).isInstanceOf(ConfigError.class);
        assertThat(thrown.getMessage()).doesNotContain("\n").startsWith("cannot use config file " + file + ":");
        return thrown.getMessage().substring(("cannot use config file " + file).length());
    }

    private static final String EU = "orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: s\n";

    @Test
    void aFractionalRequestsPerMinuteIsRefusedNotRounded() throws Exception {
        assertThat(refusal(EU + "    requestsPerMinute: 1.5\n")).isEqualTo(
                ":6: orgs.eu.requestsPerMinute: '1.5' is not a whole number from 1 to 100000 (calls a minute); write it like 3");
    }

    @Test
    void aWordForRequestsPerMinuteIsRefusedNotDefaulted() throws Exception {
        assertThat(refusal(EU + "    requestsPerMinute: lots\n"))
                .startsWith(":6: orgs.eu.requestsPerMinute: 'lots' is not a whole number from 1 to 100000");
    }

    @Test
    void aHugeRequestsPerMinuteIsRefusedNotWrapped() throws Exception {
        assertThat(refusal(EU + "    requestsPerMinute: 99999999999999999999\n"))
                .startsWith(":6: orgs.eu.requestsPerMinute: '99999999999999999999' is not a whole number from 1 to 100000");
        assertThat(refusal(EU + "    requestsPerMinute: 4294967596\n"))
                .as("2^32 + 300 would wrap to 300").startsWith(":6: orgs.eu.requestsPerMinute: '4294967596' is not a whole number");
    }

    @Test
    void aQuotedNumberIsRefusedWithTheFix() throws Exception {
        assertThat(refusal(EU + "    requestsPerMinute: \"300\"\n")).endsWith("write it like 3, without quotes");
    }

    @Test
    void maxReplansAboveItsRangeIsRefusedInsteadOfOverflowing() throws Exception {
        assertThat(refusal(EU + "policy:\n  maxReplans: 2000000000\n"))
                .isEqualTo(":7: policy.maxReplans: '2000000000' is not a whole number from 0 to 20 (re-plans after a conflict); write it like 3");
    }

    @Test
    void aNegativeMaxReplansIsRefusedAsAConfigMistake() throws Exception {
        assertThat(refusal("policy:\n  maxReplans: -3\n")).startsWith(":2: policy.maxReplans: '-3' is not a whole number from 0 to 20");
    }

    @Test
    void aNegativeRequestsPerMinuteIsRefused() throws Exception {
        assertThat(refusal(EU + "    requestsPerMinute: -3\n")).startsWith(":6: orgs.eu.requestsPerMinute: '-3' is not a whole number from 1");
    }

    @Test
    void theLimitsOfEachRangeAreAccepted() throws Exception {
        ConfigFile config = load(EU + "    requestsPerMinute: 100000\npolicy:\n  maxReplans: 0\n");
        assertThat(config.orgs().get("eu").requestsPerMinute()).isEqualTo(100_000);
        assertThat(config.policy().maxReplans()).isZero();
        assertThat(load(EU + "    requestsPerMinute: 1\npolicy:\n  maxReplans: 20\n").policy().maxReplans()).isEqualTo(20);
    }

    @Test
    void aFlagThatIsNotTrueOrFalseIsRefused() throws Exception {
        assertThat(refusal("policy:\n  teardownAsLastResort: maybe\n"))
                .isEqualTo(":2: policy.teardownAsLastResort: 'maybe' is not true or false");
    }

    @Test
    void aSecretYamlReadsAsANumberIsRefusedWithTheFix() throws Exception {
        assertThat(refusal("orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: 0123\n"))
                .startsWith(":5: orgs.eu.clientSecret: ").contains("read by YAML as a number", "in quotes");
    }

    @Test
    void aKeyWrittenTwiceIsRefusedWithBothLines() throws Exception {
        assertThat(refusal("orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    region: us_east_1\n"))
                .isEqualTo(":5: orgs.eu.region: written twice (first on line 3); keep one");
        assertThat(refusal("policy:\n  maxReplans: 2\npolicy:\n  maxReplans: 3\n"))
                .isEqualTo(":3: policy: written twice (first on line 1); keep one");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() throws Exception {
        assertThat(refusal("orgs:\n  eu:\n    region: eu_central_1\n  clientId: [abc\n"))
                .matches(":\\d+: not valid YAML: .+").startsWith(":5:");
        assertThat(refusal("orgs:\n  eu:\n    region: \"eu_central_1\n    clientId: abc\n")).matches(":[2-5]: not valid YAML: .+");
    }

    @Test
    void anUnknownAuditKeyIsRefused() throws Exception {
        assertThat(refusal("audit:\n  database: x.db\n")).startsWith(":2: unknown key 'database' at audit (expected one of [db])");
    }

    @Test
    void aMissingRegionNamesTheOrgAndItsLine() throws Exception {
        assertThat(refusal("orgs:\n  eu:\n    clientId: abc\n")).isEqualTo(":2: orgs.eu: has no region");
    }

    @Test
    void aLiteralSecretInAFileOthersCanReadIsWarnedAboutWithTheFix() throws Exception {
        Path file = write(EU);
        org.junit.jupiter.api.Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ConfigFile config = new ConfigLoader(Map.of()).load(Optional.of(file), dir);
        assertThat(config.warnings()).singleElement().asString()
                .contains(file.toString(), "orgs.eu.clientSecret on line 5", "chmod 600 " + file, "${SOME_VARIABLE}")
                .doesNotContain("\n");

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(new ConfigLoader(Map.of()).load(Optional.of(file), dir).warnings()).as("owner only").isEmpty();
    }

    @Test
    void aSecretFromTheEnvironmentInAReadableFileIsNoWarning() throws Exception {
        Path file = write("orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: ${EU_SECRET}\n"
                + "audit:\n  db: jdbc:postgresql://db/unstuck?user=u&password=${PGPASSWORD}\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new ConfigLoader(Map.of("EU_SECRET", "x", "PGPASSWORD", "y")).load(Optional.of(file), dir).warnings()).isEmpty();
    }

    @Test
    void aLiteralDatabasePasswordInAReadableFileIsWarnedAbout() throws Exception {
        Path file = write("audit:\n  db: jdbc:postgresql://unstuck:hunter2@db/unstuck\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        assertThat(new ConfigLoader(Map.of()).load(Optional.of(file), dir).warnings()).singleElement().asString()
                .contains("audit.db on line 2", "chmod 600").doesNotContain("hunter2");
    }

    @Test
    void readsAnOrgsGenesysSignInAndWhereBrowsersReachTheService() throws Exception {
        Path file = write(EU + """
                    signIn: { clientId: dash-client, forceRole: unstuck-force }
                service:
                  publicUrl: https://unstuck.example.com/
                  frameAncestors: [https://apps.mypurecloud.de, "https://apps.usw2.pure.cloud:443"]
                """);
        ConfigFile config = new ConfigLoader(Map.of()).load(Optional.of(file), dir);

        OrgProfile.SignIn signIn = config.orgs().get("eu").signIn().orElseThrow();
        assertThat(signIn.clientId()).isEqualTo("dash-client");
        assertThat(signIn.clientSecret()).isEmpty();
        assertThat(signIn.forceRole()).contains("unstuck-force");
        assertThat(config.service().publicUrl()).contains(java.net.URI.create("https://unstuck.example.com"));
        assertThat(config.service().frameAncestors()).containsExactly("https://apps.mypurecloud.de", "https://apps.usw2.pure.cloud:443");
    }

    @Test
    void aFrameAncestorWithAPathOrAWildcardIsRefused() throws Exception {
        assertThat(refusal("service:\n  frameAncestors: [https://apps.mypurecloud.de/app]\n"))
                .contains("service.frameAncestors.0: 'https://apps.mypurecloud.de/app' must be an http(s) origin (scheme, host and port only)");
        assertThat(refusal("service:\n  frameAncestors: [\"https://*.mypurecloud.de\"]\n"))
                .contains("service.frameAncestors.0:");
        assertThat(refusal(EU + "    signIn: { secret: x }\n")).contains("unknown key 'secret' at orgs.eu.signIn");
    }

    @Test
    void readsEachCallersApiLimitAndEachOrgsShareKeptForActs() throws Exception {
        ConfigFile config = load(EU + "    reservedForActsPercent: 35\n  us:\n    region: mypurecloud.com\n    clientId: def\n"
                + "    clientSecret: s\nservice:\n  callerRequestsPerMinute: 15\n");

        assertThat(config.service().callerRequestsPerMinute()).contains(15);
        assertThat(config.orgs().get("eu").reservedForActsPercent()).isEqualTo(35);
        assertThat(config.orgs().get("us").reservedForActsPercent()).as("not written: the default fifth")
                .isEqualTo(dev.unstuck.core.genesys.ClientSettings.DEFAULT_RESERVED_FOR_ACTS_PERCENT);
        assertThat(load(EU).service().callerRequestsPerMinute()).as("not written: serve's default").isEmpty();
    }

    @Test
    void theOrgsShareKeptForActsIsInTheSettingsItsClientIsBuiltWith() throws Exception {
        ConfigFile config = load(EU + "    reservedForActsPercent: 50\n");

        assertThat(new OrgResolver(Map.of()).resolve(config, Optional.of("eu"), Optional.empty()).settings().reservedForActsPercent())
                .isEqualTo(50);
    }

    @Test
    void theLimitsOfTheNewRangesAreAccepted() throws Exception {
        assertThat(load(EU + "    reservedForActsPercent: 0\n").orgs().get("eu").reservedForActsPercent()).isZero();
        assertThat(load(EU + "    reservedForActsPercent: 90\n").orgs().get("eu").reservedForActsPercent()).isEqualTo(90);
        assertThat(load("service:\n  callerRequestsPerMinute: 1\n").service().callerRequestsPerMinute()).contains(1);
        assertThat(load("service:\n  callerRequestsPerMinute: 100000\n").service().callerRequestsPerMinute()).contains(100_000);
    }

    @ParameterizedTest
    @MethodSource("badLimits")
    void aBadLimitIsOneLineNamingTheKeyAndItsRange(String yaml, String expected) throws Exception {
        assertThat(refusal(yaml)).isEqualTo(expected);
    }

    static Stream<Arguments> badLimits() {
        return Stream.of(
                Arguments.of(EU + "    reservedForActsPercent: 95\n", ":6: orgs.eu.reservedForActsPercent: '95' is not a whole number from 0 to 90"
                        + " (percent of requestsPerMinute kept for endings); write it like 3"),
                Arguments.of(EU + "    reservedForActsPercent: 20.5\n", ":6: orgs.eu.reservedForActsPercent: '20.5' is not a whole number"
                        + " from 0 to 90 (percent of requestsPerMinute kept for endings); write it like 3"),
                Arguments.of(EU + "    reservedForActsPercent: -1\n", ":6: orgs.eu.reservedForActsPercent: '-1' is not a whole number"
                        + " from 0 to 90 (percent of requestsPerMinute kept for endings); write it like 3"),
                Arguments.of("service:\n  callerRequestsPerMinute: 0\n", ":2: service.callerRequestsPerMinute: '0' is not a whole number"
                        + " from 1 to 100000 (API requests per caller and minute that reach Genesys); write it like 3"),
                Arguments.of("service:\n  callerRequestsPerMinute: \"60\"\n", ":2: service.callerRequestsPerMinute: '60' is not a whole"
                        + " number from 1 to 100000 (API requests per caller and minute that reach Genesys); write it like 3, without quotes"));
    }
}
