package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionTest {

    @ParameterizedTest
    @CsvSource({
            "eu_central_1, https://api.mypurecloud.de, https://login.mypurecloud.de",
            "eu-central-1, https://api.mypurecloud.de, https://login.mypurecloud.de",
            "mypurecloud.de, https://api.mypurecloud.de, https://login.mypurecloud.de",
            "api.mypurecloud.de, https://api.mypurecloud.de, https://login.mypurecloud.de",
            "eu_central_2, https://api.euc2.pure.cloud, https://login.euc2.pure.cloud",
            "US_EAST_1, https://api.mypurecloud.com, https://login.mypurecloud.com",
    })
    void readsRegionNamesAndDomainsAndDerivesTheLoginHostAsGenesysDoes(String text, String api, String login) throws Exception {
        Region region = Region.parse(text);

        assertThat(region.apiBase()).isEqualTo(URI.create(api));
        assertThat(region.loginBase()).isEqualTo(URI.create(login));
        assertThat(region.isBaseUrl()).isFalse();
    }

    @Test
    void aBaseUrlServesBothLoginAndApiAsTheSandboxDoes() throws Exception {
        Region region = Region.parse("http://127.0.0.1:8080/");

        assertThat(region.apiBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(region.loginBase()).isEqualTo(region.apiBase());
        assertThat(region.isBaseUrl()).isTrue();
    }

    @Test
    void euc1IsUnknownAndTheMessageSuggestsBothFrankfurtRegions() {
        assertThatThrownBy(() -> Region.parse("euc1"))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("unknown region 'euc1'")
                .hasMessageContaining("eu_central_1 (mypurecloud.de)")
                .hasMessageContaining("eu_central_2 (euc2.pure.cloud)");
    }

    @Test
    void aTypoInARegionNameSuggestsTheIntendedOne() {
        assertThatThrownBy(() -> Region.parse("eu_west_3"))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("eu_west_1 (mypurecloud.ie)");
    }

    @Test
    void anEmptyRegionIsUnknownNotACrash() {
        assertThatThrownBy(() -> Region.parse(" ")).isInstanceOf(UnknownRegionException.class);
        assertThatThrownBy(() -> Region.parse(null)).isInstanceOf(UnknownRegionException.class);
    }

    @Test
    void knowsEveryDocumentedRegion() {
        assertThat(Region.known()).hasSize(18).extracting(Region::name).contains("eu_central_1", "eusc_de_east_1");
    }

    @Test
    void aRegionUrlWithAPasswordIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Region.parse("https://me:hunter2@api.example.com"))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("must not hold a user or password")
                .hasMessageNotContaining("hunter2");
    }
}
