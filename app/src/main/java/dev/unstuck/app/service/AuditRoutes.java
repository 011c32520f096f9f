package dev.unstuck.app.service;

import dev.unstuck.app.report.Window;
import dev.unstuck.app.view.ReportView;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** What was done: the audit ({@code GET /api/v1/audit}, as JSON pages or a CSV export) and the report over a window. */
final class AuditRoutes {
    /** Rows of an audit CSV export, at most and by default. */
    static final int CSV_ROWS = 10_000;
    /** The report's window when the caller names none. */
    static final String DEFAULT_REPORT_WINDOW = "7d";

    private final OrgRuntimes orgs;
    private final AuditFeed audit;
    private final Clock clock;

    AuditRoutes(OrgRuntimes orgs, AuditFeed audit, Clock clock) {
        this.orgs = orgs;
        this.audit = audit;
        this.clock = clock;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/v1/audit", this::audit);
        config.routes.get("/api/v1/report", this::report);
    }

    private void audit(Context ctx) {
        ServiceApi.caller(ctx, Role.VIEWER);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("").trim().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("json") && !format.equals("csv")) {
            throw ApiProblem.badRequest("'format' must be json or csv");
        }
        boolean csv = format.equals("csv")
                || format.isEmpty() && Optional.ofNullable(ctx.header("Accept")).orElse("").toLowerCase(Locale.ROOT).contains("text/csv");
        if (!csv) {
            ServiceApi.json(ctx, 200, audit.page(AuditFeed.Filter.from(ctx::queryParam)));
            return;
        }
        // An export: more rows a page, the next page's cursor in a header.
        AuditFeed.CsvPage page = audit.csv(AuditFeed.Filter.from(ctx::queryParam, CSV_ROWS, CSV_ROWS));
        page.nextCursor().ifPresent(next -> ctx.header("X-Next-Cursor", next));
        ctx.header("Content-Disposition", "attachment; filename=\"unstuck-audit.csv\"");
        ctx.status(200).contentType("text/csv; charset=utf-8").result(page.text());
    }

    private void report(Context ctx) {
        ServiceApi.caller(ctx, Role.VIEWER);
        String name = Optional.ofNullable(ctx.queryParam("org")).map(String::trim).filter(o -> !o.isEmpty())
                .orElseThrow(() -> ApiProblem.badRequest("'org' is required: the org to report on"));
        OrgRuntime org = orgs.get(name);
        Window.Parsed parsed = Window.parse(Optional.ofNullable(ctx.queryParam("since")).orElse(DEFAULT_REPORT_WINDOW),
                Optional.ofNullable(ctx.queryParam("until")), clock.instant());
        if (parsed instanceof Window.Parsed.Bad bad) {
            throw ApiProblem.badRequest(bad.problem());
        }
        Window window = ((Window.Parsed.Ok) parsed).window();
        ServiceApi.json(ctx, 200, ReportView.json(audit.report(org.name(), window.since(), window.until())));
    }
}
