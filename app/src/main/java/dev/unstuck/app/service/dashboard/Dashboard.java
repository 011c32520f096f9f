package dev.unstuck.app.service.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard {@code unstuck serve} serves at {@code /}: static pages and plain JavaScript modules
 * from the jar (no build step, nothing fetched from elsewhere), reading the same {@code /api/v1} with
 * the same bearer tokens. The pages hold no data and no secret, so they need no token themselves; the
 * browser sends the token with every API call. Every answer carries a content security policy that
 * allows scripts, styles and connections to this origin only and no inline script.
 */
public final class Dashboard {
    /** Where the scripts, styles and vendored libraries are served from. */
    static final String ASSETS = "/ui";

    /** The headers of every page and asset when no Genesys Cloud origin may frame the dashboard (a test reads them back). */
    public static final Map<String, String> HEADERS = headers(List.of());

    /** The pages, by route; each an HTML file under {@code dashboard/pages/}. */
    static final Map<String, String> PAGES = pages();

    private final Map<String, byte[]> html = new LinkedHashMap<>();
    private final Map<String, String> headers;

    public Dashboard() {
        this(List.of());
    }

    /** @param frameAncestors the origins that may show the dashboard in a frame (Genesys Cloud, as a client app); none else may */
    public Dashboard(List<String> frameAncestors) {
        this.headers = headers(frameAncestors);
        String layout = Layout.frame(text("layout.html"));
        for (String file : PAGES.values()) {
            html.computeIfAbsent(file, name -> Layout.render(layout, name.replaceFirst("\\.html$", ""), text(name))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Adds the pages and the assets to a server's routes. */
    public void routes(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = ASSETS;
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = headers;
            // The pages are served by their routes only (framed by the layout), so each has one address.
            files.skipFileFunction = request -> pageFile(request.getRequestURI());
        });
        PAGES.forEach((route, file) -> config.routes.get(route, ctx -> page(ctx, file)));
    }

    /**
     * Whether a request reaches a page's raw file: judged on the path as the file lookup sees it (decoded,
     * dot segments resolved, empty segments collapsed), so {@code /ui//pages/now.html} is refused too.
     */
    static boolean pageFile(String requestUri) {
        String path;
        try {
            path = java.net.URI.create(requestUri.replaceAll("/{2,}", "/")).normalize().getPath();
        } catch (IllegalArgumentException e) {
            return true;
        }
        return path == null || path.replaceAll("/{2,}", "/").startsWith(ASSETS + "/pages/");
    }

    private void page(Context ctx, String file) {
        headers.forEach(ctx::header);
        ctx.contentType("text/html; charset=utf-8").result(html.get(file));
    }

    private static Map<String, String> headers(List<String> frameAncestors) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", String.join("; ",
                "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
                "object-src 'none'", "base-uri 'none'",
                "frame-ancestors " + (frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors)), "form-action 'self'"));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        // A new jar may bring new scripts: the browser asks again (a 304 when nothing changed).
        headers.put("Cache-Control", "no-cache");
        return Map.copyOf(headers);
    }

    private static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "now.html");
        pages.put("/endings", "endings.html");
        pages.put("/why", "why.html");
        pages.put("/audit", "audit.html");
        pages.put("/conversations/{org}/{id}", "conversation.html");
        pages.put("/signin", "signin.html");
        return Map.copyOf(pages);
    }

    private static String text(String file) {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/pages/" + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/pages/" + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
