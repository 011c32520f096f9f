package dev.unstuck.app.service;

/** The CLI's views live in app.cli; the service's tests use the real ones. */
final class TestViews {
    static final Views VIEWS = dev.unstuck.app.cli.ServeViews.views();

    private TestViews() {
    }
}
