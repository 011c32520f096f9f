package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Injected failures for the Genesys-facing API (never the control API). A request matching
 * {@code pathPattern} is faulty while {@code count} lasts, else with probability {@code errorRate}
 * drawn from a seeded random; a faulty request gets the fault {@code kind}. Every matching request is
 * first delayed by {@code latencyMs} of real time.
 *
 * <p>The kinds are what a client meets on a real network between it and Genesys: an error answer, a
 * proxy's HTML page, a JSON body cut short, headers followed by a body that stalls, no answer at all,
 * and an answer that comes late although the request was applied. Holding a request ({@code holdMs})
 * is real time too: it exercises client timeouts, and {@link #clear()} (or a new spec) lets every held
 * request go at once, so tests never wait the hold out.
 */
public final class Faults {

    /** What a faulty request gets. */
    public enum Kind {
        /** {@code status} with the platform's ErrorBody; nothing is changed. */
        ERROR("error"),
        /** {@code status} with an HTML page, as a proxy or a wrong host answers; nothing is changed. */
        HTML("html"),
        /** The endpoint runs (its change is made); its JSON answer is cut in half (a consistent Content-Length). */
        TRUNCATED_JSON("truncatedJson"),
        /** The endpoint runs; the headers and a few bytes go out, then the body stalls for {@code holdMs} and the connection ends. */
        STALLED_BODY("stalledBody"),
        /** Nothing is answered for {@code holdMs}, then 504 {@code request.timeout}; nothing is changed. */
        NO_ANSWER("noAnswer"),
        /** The endpoint runs (its change is made); its own answer goes out after {@code holdMs}. */
        APPLIED_LATE("appliedLate");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Kind> fromWire(String text) {
            for (Kind k : values()) {
                if (k.wire.equals(text)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        public static String allowed() {
            StringBuilder s = new StringBuilder();
            for (Kind k : values()) {
                s.append(s.length() == 0 ? "" : ", ").append(k.wire);
            }
            return s.toString();
        }
    }

    /** The faults as set by {@code PUT /sandbox/v1/faults}. */
    public record Spec(int status, Optional<Integer> count, Optional<Pattern> pathPattern, double errorRate,
                       long latencyMs, Kind kind, long holdMs) {
        public Spec(int status, Optional<Integer> count, Optional<Pattern> pathPattern, double errorRate, long latencyMs) {
            this(status, count, pathPattern, errorRate, latencyMs, Kind.ERROR, DEFAULT_HOLD_MS);
        }
    }

    /** What to do to one request: the fault (if this one is faulty) and the delay before anything. */
    public record Verdict(Optional<Kind> fault, int status, long latencyMs, long holdMs) {
        static Verdict none() {
            return new Verdict(Optional.empty(), 0, 0, 0);
        }
    }

    /** Longer than a client's usual 30 s request timeout, so a held request outlasts it. */
    public static final long DEFAULT_HOLD_MS = 60_000;
    private static final int STALLED_BYTES = 8;

    private Spec spec;
    private int remaining;
    private Random random = new Random(0);
    private CountDownLatch release = new CountDownLatch(1);

    public synchronized void set(Spec newSpec, long seed) {
        release.countDown();
        release = new CountDownLatch(1);
        spec = newSpec;
        remaining = newSpec.count().orElse(0);
        random = new Random(seed);
    }

    /** No more faults; requests held now are let go at once. */
    public synchronized void clear() {
        release.countDown();
        release = new CountDownLatch(1);
        spec = null;
        remaining = 0;
    }

    public synchronized Optional<Spec> current() {
        return Optional.ofNullable(spec);
    }

    public synchronized Verdict judge(String path) {
        if (spec == null || spec.pathPattern().map(p -> !p.matcher(path).find()).orElse(false)) {
            return Verdict.none();
        }
        boolean fail = false;
        if (remaining > 0) {
            remaining--;
            fail = true;
        } else if (spec.errorRate() > 0 && random.nextDouble() < spec.errorRate()) {
            fail = true;
        }
        return new Verdict(fail ? Optional.of(spec.kind()) : Optional.empty(), spec.status(), spec.latencyMs(), spec.holdMs());
    }

    /**
     * Runs one Genesys-facing request through the faults and writes its answer; {@code endpoint} is the
     * request's own handling (authentication, checks, the change), called only when the fault lets it run.
     */
    public void apply(Context ctx, Supplier<Answer> endpoint, ObjectMapper json) throws InterruptedException {
        Verdict verdict = judge(ctx.path());
        CountDownLatch held = currentRelease();
        if (verdict.latencyMs() > 0) {
            // Latency is real time on purpose: it exercises client timeouts; tests must not depend on it.
            Thread.sleep(verdict.latencyMs());
        }
        if (verdict.fault().isEmpty()) {
            Exchange.write(ctx, endpoint.get(), json);
            return;
        }
        switch (verdict.fault().get()) {
            case ERROR -> Exchange.write(ctx, errorAnswer(verdict.status()), json);
            case HTML -> ctx.status(verdict.status()).contentType("text/html; charset=utf-8").result(html(verdict.status()));
            case TRUNCATED_JSON -> {
                Exchange.write(ctx, run(endpoint), json);
                String whole = Optional.ofNullable(ctx.result()).orElse("");
                ctx.result(whole.substring(0, whole.length() / 2));
            }
            case STALLED_BODY -> {
                Exchange.write(ctx, run(endpoint), json);
                stall(ctx, Optional.ofNullable(ctx.result()).orElse(""), held, verdict.holdMs());
            }
            case NO_ANSWER -> {
                held.await(verdict.holdMs(), TimeUnit.MILLISECONDS);
                Exchange.write(ctx, Answer.error(ErrorBody.fault(504)), json);
            }
            case APPLIED_LATE -> {
                Answer answer = run(endpoint);
                held.await(verdict.holdMs(), TimeUnit.MILLISECONDS);
                Exchange.write(ctx, answer, json);
            }
        }
    }

    /** The endpoint's answer, its failed checks included, so the fault can still shape what goes out. */
    private static Answer run(Supplier<Answer> endpoint) {
        try {
            return endpoint.get();
        } catch (PlatformError e) {
            return Answer.error(e.body());
        }
    }

    private synchronized CountDownLatch currentRelease() {
        return release;
    }

    private static Answer errorAnswer(int status) {
        Answer a = Answer.error(ErrorBody.fault(status));
        if (status == 429) {
            a.headers().put("Retry-After", "1");
        }
        return a;
    }

    /** The whole length is announced and a few bytes sent; the rest never comes, and the connection ends short. */
    private static void stall(Context ctx, String body, CountDownLatch held, long holdMs) throws InterruptedException {
        byte[] bytes = body.isEmpty() ? "{\"stalled\":true}".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
        ctx.result("");
        try {
            ctx.res().setContentLength(bytes.length);
            OutputStream out = ctx.res().getOutputStream();
            out.write(bytes, 0, Math.min(STALLED_BYTES, bytes.length / 2));
            out.flush();
        } catch (IOException e) {
            return; // the client left already
        }
        held.await(holdMs, TimeUnit.MILLISECONDS);
    }

    private static String html(int status) {
        String title = status + (status >= 500 ? " Bad Gateway" : " Error");
        return "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head><body><h1>" + title.toLowerCase(Locale.ROOT)
                + "</h1><p>The proxy could not handle the request.</p></body></html>\n";
    }
}
