package dev.unstuck.app.service.dashboard;

/** A browser on serve's demo org, for a test class: opened together, closed together. */
record OnDemo(DemoService demo, Browser browser) implements AutoCloseable {

    /** Opens the browser on the demo's dashboard; the demo is closed again when the browser cannot start. */
    static OnDemo open(Browser.Installed chrome, DemoService demo) {
        try {
            return new OnDemo(demo, Browser.open(chrome, demo.base()));
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            demo.close();
        }
    }
}
