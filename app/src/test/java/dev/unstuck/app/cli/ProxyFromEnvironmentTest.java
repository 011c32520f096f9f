package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy from HTTPS_PROXY and NO_PROXY, as curl and gc read them. */
class ProxyFromEnvironmentTest {

    private static Proxy chosen(ProxySelector selector, String uri) {
        return selector.select(URI.create(uri)).get(0);
    }

    @Test
    void callsGoThroughHttpsProxyExceptToHostsNoProxyNames() {
        ProxySelector selector = ProxyFromEnvironment.from(Map.of("HTTPS_PROXY", "http://proxy.internal:3128",
                "NO_PROXY", "localhost, 127.0.0.1, .corp.example, internal")).orElseThrow();
        Proxy proxy = chosen(selector, "https://api.mypurecloud.de/api/v2/conversations");
        assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) proxy.address()).getHostString()).isEqualTo("proxy.internal");
        assertThat(((InetSocketAddress) proxy.address()).getPort()).isEqualTo(3128);
        assertThat(chosen(selector, "wss://streaming.mypurecloud.de/channels/x").type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(chosen(selector, "http://127.0.0.1:8080/api/v2/x")).isEqualTo(Proxy.NO_PROXY);
        assertThat(chosen(selector, "http://localhost:8080/x")).isEqualTo(Proxy.NO_PROXY);
        assertThat(chosen(selector, "https://db.corp.example/x")).isEqualTo(Proxy.NO_PROXY);
        assertThat(chosen(selector, "https://a.internal/x")).isEqualTo(Proxy.NO_PROXY);
        assertThat(chosen(selector, "https://notinternal/x").type()).as("a suffix is a whole label").isEqualTo(Proxy.Type.HTTP);
    }

    @Test
    void lowerCaseNamesAndAnAddressWithoutSchemeWorkAsInCurl() {
        ProxySelector selector = ProxyFromEnvironment.from(Map.of("https_proxy", "proxy.internal:8080", "no_proxy", "*")).orElseThrow();
        assertThat(chosen(selector, "https://api.mypurecloud.com/x")).isEqualTo(Proxy.NO_PROXY);
        ProxySelector all = ProxyFromEnvironment.from(Map.of("https_proxy", "proxy.internal:8080")).orElseThrow();
        assertThat(((InetSocketAddress) chosen(all, "https://api.mypurecloud.com/x").address()).getPort()).isEqualTo(8080);
    }

    @Test
    void withoutHttpsProxyNothingChanges() {
        assertThat(ProxyFromEnvironment.from(Map.of("NO_PROXY", "localhost"))).isEmpty();
    }
}
