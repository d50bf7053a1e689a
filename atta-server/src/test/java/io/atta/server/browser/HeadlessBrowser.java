package io.atta.server.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: a real browser for tests
 * that must see a page as a buyer does (forms, redirects, encodings).
 *
 * <p>Both binaries come from the system packages ({@code .ci/run} installs them), so Selenium
 * Manager is never asked to download a driver or a browser: the machines reach no host that
 * serves them. Every browser gets its own temporary profile, deleted on {@link #close()}, and
 * close kills whatever processes this browser started even when chromedriver misbehaves.
 */
public final class HeadlessBrowser implements AutoCloseable {
    public static final Path chromiumBinary = Path.of("/usr/bin/chromium");
    public static final Path chromedriverBinary = Path.of("/usr/bin/chromedriver");
    /** Longest a page may take to load before the navigation fails. */
    public static final Duration pageLoadTimeout = Duration.ofSeconds(20);
    /** Longest an explicit wait ({@link #await}, {@link #find}, ...) waits for its condition. */
    public static final Duration awaitTimeout = Duration.ofSeconds(15);
    private static final Duration awaitPollInterval = Duration.ofMillis(50);
    private static final Duration processExitTimeout = Duration.ofSeconds(10);
    private static final List<String> chromiumFlags = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    /*
     * Selenium warns on every start that it has no DevTools (CDP) bindings for the installed
     * chromium's version. These tests speak WebDriver only and never CDP, so the warning is noise
     * that reads like a missing dependency. Held here so that the settings are not collected.
     */
    private static final List<Logger> cdpVersionLoggers = Stream.of(
            "org.openqa.selenium.chromium.ChromiumDriver", "org.openqa.selenium.devtools.CdpVersionFinder")
            .map(Logger::getLogger).toList();

    static {
        cdpVersionLoggers.forEach(l -> l.setLevel(Level.SEVERE));
    }

    private final Path profileDir;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final ProcessHandle chromedriverProcess;

    private HeadlessBrowser(Path profileDir, ChromeDriverService service, ChromeDriver driver,
            ProcessHandle chromedriverProcess) {
        this.profileDir = profileDir;
        this.service = service;
        this.driver = driver;
        this.chromedriverProcess = chromedriverProcess;
    }

    /**
     * Starts chromedriver and a headless chromium with a fresh profile. Fails, naming the fix,
     * when the binaries are not installed: the tests that need a browser must not pass without one.
     */
    public static HeadlessBrowser start() {
        return start(null);
    }

    /**
     * As {@link #start()}, saving downloads into {@code downloads} without asking (null: the
     * browser's default, which a test cannot find).
     */
    public static HeadlessBrowser start(Path downloads) {
        requireInstalled();
        Path profileDir;
        try {
            profileDir = Files.createTempDirectory("atta-chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromiumBinary.toFile());
        options.addArguments(chromiumFlags);
        options.addArguments("--user-data-dir=" + profileDir);
        options.setPageLoadTimeout(pageLoadTimeout);
        options.setImplicitWaitTimeout(Duration.ZERO);
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }

        Set<Long> childrenBefore = childPids();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriverBinary.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            return new HeadlessBrowser(profileDir, service, driver, newChromedriver(childrenBefore));
        } catch (RuntimeException e) {
            // Stop what the failed start may have left running, and report why it failed.
            try {
                service.stop();
                killChromium(profileDir);
                deleteTree(profileDir);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The raw driver, for what this class does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    /** Navigates to {@code url} and returns when the page has loaded (at most {@link #pageLoadTimeout}). */
    public void open(String url) {
        driver.get(url);
    }

    /** The URL the browser shows now. */
    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** The visible text of the whole page. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The element once it is visible; fails after {@link #awaitTimeout}. */
    public WebElement find(By by) {
        return await("visible " + by, ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Clears the visible field and types {@code text} into it, key by key, as a user would. */
    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element once it is visible and enabled. */
    public void click(By by) {
        await("clickable " + by, ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Waits until the browser's URL starts with {@code prefix}; returns the URL. */
    public String awaitUrlStartingWith(String prefix) {
        await("URL starting with " + prefix, d -> d.getCurrentUrl().startsWith(prefix));
        return driver.getCurrentUrl();
    }

    /**
     * Polls {@code condition} until it returns a non-null, non-false value and returns that value;
     * fails naming {@code what} after {@link #awaitTimeout}.
     */
    public <T> T await(String what, Function<? super WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, awaitTimeout, awaitPollInterval);
        wait.withMessage(() -> "waited " + awaitTimeout.toSeconds() + " s for " + what + "; the browser is at "
                + driver.getCurrentUrl());
        return wait.until(condition::apply);
    }

    /** A PNG of the viewport, for looking at what a test saw. */
    public void screenshot(Path png) {
        try {
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser, stops chromedriver, kills any process of theirs left, deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // Quitting fails when the browser already died; the kills below clean up either way.
        } finally {
            service.stop();
            if (chromedriverProcess != null) {
                killAndAwait(Stream.concat(chromedriverProcess.descendants(), Stream.of(chromedriverProcess)));
            }
            killChromium(profileDir);
            deleteTree(profileDir);
        }
    }

    private static void requireInstalled() {
        for (Path binary : List.of(chromiumBinary, chromedriverBinary)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests drive Debian's headless "
                        + "chromium. Run .ci/run (it installs it) or: apt-get install chromium chromium-driver");
            }
        }
        // Selenium Manager looks for a driver only when none is named; name it for every code path.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriverBinary.toString());
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** The chromedriver this JVM started since {@code before} was taken (tests run one at a time). */
    private static ProcessHandle newChromedriver(Set<Long> before) {
        return ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().command().map(c -> c.endsWith("chromedriver")).orElse(false))
                .findFirst().orElse(null);
    }

    /**
     * Chromium processes outlive a chromedriver killed before it quit them, reparented away from
     * this JVM; the profile directory in their command line tells ours from any other.
     */
    private static void killChromium(Path profileDir) {
        String flag = "--user-data-dir=" + profileDir;
        killAndAwait(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(flag)).orElse(false)));
    }

    /** Kills the processes and waits, bounded, for them to exit, so that none writes into a deleted profile. */
    private static void killAndAwait(Stream<ProcessHandle> processes) {
        List<ProcessHandle> alive = processes.filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : alive) {
            try {
                p.onExit().get(processExitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("process " + p.pid() + " did not exit within "
                        + processExitTimeout.toSeconds() + " s of SIGKILL", e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("could not delete the browser profile " + dir, e);
        }
        if (Files.exists(dir)) {
            throw new IllegalStateException("could not delete the browser profile " + dir);
        }
    }
}
