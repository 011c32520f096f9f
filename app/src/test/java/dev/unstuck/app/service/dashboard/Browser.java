package dev.unstuck.app.service.dashboard;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both found on the PATH (or named by
 * {@code CHROME_BIN} and {@code CHROMEDRIVER}), so Selenium Manager never looks for or downloads a
 * browser or a driver. Without them the tests are skipped, saying what is missing; with
 * {@code UNSTUCK_REQUIRE_BROWSER=1} (as CI sets it) they fail instead.
 */
final class Browser implements AutoCloseable {
    /**
     * The lock every class driving a browser holds, so that they run one at a time: they share the
     * download folder (target/downloads), and two Chromiums at once starve two cores of the time their
     * page waits allow.
     */
    static final String ONE_AT_A_TIME = "chromium and target/downloads";
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Where Chromium and its driver are. */
    record Installed(Path chromium, Path chromedriver) {
    }

    /**
     * Chromium and chromedriver of this machine; when either is missing the test is skipped (aborted)
     * with a message naming it, or failed when {@code UNSTUCK_REQUIRE_BROWSER=1}. Called before anything
     * is started, so a skip costs nothing.
     */
    static Installed installed() {
        Optional<Path> chromium = executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> chromedriver = executable("CHROMEDRIVER", "chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = (chromium.isEmpty() ? "chromium (or CHROME_BIN)" : "")
                    + (chromium.isEmpty() && chromedriver.isEmpty() ? " and " : "")
                    + (chromedriver.isEmpty() ? "chromedriver (or CHROMEDRIVER)" : "");
            String message = "dashboard browser tests skipped: no " + missing + " on this machine; install Debian's"
                    + " 'chromium' and 'chromium-driver' (apt-get install -y chromium chromium-driver) to run them";
            if ("1".equals(System.getenv("UNSTUCK_REQUIRE_BROWSER"))) {
                Assertions.fail(message.replace("skipped", "cannot run") + " (UNSTUCK_REQUIRE_BROWSER=1 forbids skipping)");
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        return new Installed(chromium.get(), chromedriver.get());
    }

    /** A headless browser on {@code base} (http://127.0.0.1:PORT). */
    static Browser open(Installed installed, String base) {
        Optional<Path> chromium = Optional.of(installed.chromium());
        Optional<Path> chromedriver = Optional.of(installed.chromedriver());
        // The driver's path is given, so Selenium Manager has nothing to find; offline it would not try anyway.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", chromedriver.get().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1", "--lang=en-GB",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                Paths.get("target", "downloads").toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        // The window's size includes the browser's own bars: grow it so the page itself is WIDTH x HEIGHT.
        Object bars = driver.executeScript("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        if (bars instanceof List<?> sizes && sizes.size() == 2) {
            driver.manage().window().setSize(new Dimension(WIDTH + ((Number) sizes.get(0)).intValue(),
                    HEIGHT + ((Number) sizes.get(1)).intValue()));
        }
        return new Browser(driver, base);
    }

    private static Optional<Path> executable(String variable, String... names) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            Path path = Paths.get(named);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(pathVariable.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of(names).map(name -> Paths.get(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    void go(String path) {
        driver.get(base + path);
    }

    String base() {
        return base;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(20), condition);
    }

    <T> T waitFor(Duration atMost, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, atMost, Duration.ofMillis(50)).until(condition::apply);
    }

    WebElement visible(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by)::apply);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The text of the first element matching a CSS selector, read at once (the pages re-render as data arrives). */
    String text(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return text == null ? "" : text.toString().trim();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * What the browser console said since the last call about scripts that failed or the content security
     * policy refusing something. (An API answer such as a 404 is logged too, and is not counted here.)
     */
    List<String> consoleProblems() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage())
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught"))
                .toList();
    }

    /** Does something that downloads a file (ending in {@code suffix}) and answers its lines, once it is complete. */
    List<String> download(Runnable action, String suffix) {
        Path folder = Paths.get("target", "downloads");
        try {
            Files.createDirectories(folder);
            try (Stream<Path> old = Files.list(folder)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            action.run();
            Path file = waitFor(d -> {
                try (Stream<Path> files = Files.list(folder)) {
                    return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
                } catch (IOException e) {
                    return null;
                }
            });
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in with a token through the sign-in page, and waits until the page names the caller. */
    void signIn(String token, String expectedName) {
        go("/signin");
        WebElement field = visible(By.id("token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        waitFor(d -> d.findElement(By.id("who")).getText().startsWith(expectedName));
    }

    void signOut() {
        Optional<WebElement> button = driver.findElements(By.id("signout")).stream().findFirst();
        if (button.isPresent() && button.get().isDisplayed()) {
            button.get().click();
            waitFor(d -> d.getCurrentUrl().contains("/signin"));
        } else {
            go("/signin");
            script("sessionStorage.clear()");
        }
    }

    /**
     * Saves a screenshot of the page to target/screenshots; with {@code -Dunstuck.screenshots.update=true}
     * it is also copied into docs/dashboard/, where the docs show it. A normal build changes no source file.
     */
    void screenshot(String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Paths.get("target", "screenshots");
            Files.createDirectories(target);
            Path file = Files.write(target.resolve(name + ".png"), png);
            if (Boolean.getBoolean("unstuck.screenshots.update")) {
                Path docs = Paths.get("..", "docs", "dashboard");
                Files.createDirectories(docs);
                Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
