package dev.unstuck.app.config;

import dev.unstuck.app.cli.ExitCode;
import dev.unstuck.app.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
                .isInstanceOf(UserError.class).hasMessageContaining("${NOPE}")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCode.CONFIG));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheAllowedOnes() throws Exception {
        Path file = write("orgs:\n  eu:\n    region: eu_central_1\n    clientID: abc\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(UserError.class).hasMessageContaining("unknown key 'clientID'");
    }

    @Test
    void brokenYamlIsOneLine() throws Exception {
        Path file = write("orgs: [unclosed\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), dir))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith("cannot use config file"));
    }

    @Test
    void aMissingExplicitFileIsNamed() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(dir.resolve("nope.yaml")), dir))
                .isInstanceOf(UserError.class).hasMessageContaining("does not exist");
    }
}
