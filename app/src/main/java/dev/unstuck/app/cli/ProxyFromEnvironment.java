package dev.unstuck.app.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy as curl, gc and most command-line tools take it: {@code HTTPS_PROXY} (or {@code https_proxy})
 * for every call, except to hosts {@code NO_PROXY} lists (exact names, domain suffixes like
 * {@code .internal} or {@code internal}, or {@code *}). java.net.http reads only Java's system properties,
 * so this is installed as the default selector at startup; without HTTPS_PROXY nothing changes.
 * A proxy that asks for a user and password is not supported.
 */
final class ProxyFromEnvironment extends ProxySelector {
    private final Proxy proxy;
    private final List<String> noProxy;

    private ProxyFromEnvironment(Proxy proxy, List<String> noProxy) {
        this.proxy = proxy;
        this.noProxy = noProxy;
    }

    /** The selector the environment asks for, if it names a proxy. */
    static Optional<ProxySelector> from(Map<String, String> env) {
        String url = first(env, "HTTPS_PROXY", "https_proxy");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.contains("://") ? url.trim() : "http://" + url.trim());
        if (uri.getHost() == null) {
            throw new UserError(ExitCode.CONFIG, "HTTPS_PROXY is not a proxy address like http://proxy.internal:3128");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        String exceptions = first(env, "NO_PROXY", "no_proxy");
        List<String> noProxy = exceptions == null ? List.of() : Arrays.stream(exceptions.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new ProxyFromEnvironment(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port)),
                noProxy));
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return bypassed(host) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
    }

    private boolean bypassed(String host) {
        for (String entry : noProxy) {
            String domain = entry.startsWith("*.") ? entry.substring(1) : entry;
            if (domain.equals("*") || host.equals(domain.startsWith(".") ? domain.substring(1) : domain)
                    || host.endsWith(domain.startsWith(".") ? domain : "." + domain)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // the call itself reports the failure
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
