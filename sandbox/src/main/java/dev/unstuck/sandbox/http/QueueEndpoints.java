package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.Queue;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The routing queues: a paged, name-filtered listing and one queue by id. */
final class QueueEndpoints {
    static final String VIEW = "routing:queue:view";

    private final GenesysJson views;

    QueueEndpoints(GenesysJson views) {
        this.views = views;
    }

    void register(Routes routes) {
        routes.api(HandlerType.GET, "/api/v2/routing/queues", this::queues);
        routes.api(HandlerType.GET, "/api/v2/routing/queues/{queueId}", this::queue);
    }

    private Answer queues(Call call) {
        call.require(VIEW);
        int pageSize;
        int pageNumber;
        try {
            pageSize = Integer.parseInt(Optional.ofNullable(call.ctx().queryParam("pageSize")).orElse("25"));
            pageNumber = Integer.parseInt(Optional.ofNullable(call.ctx().queryParam("pageNumber")).orElse("1"));
        } catch (NumberFormatException e) {
            throw new PlatformError(ErrorBody.badRequest("pageSize and pageNumber must be whole numbers"));
        }
        if (pageSize < 1 || pageSize > 500 || pageNumber < 1) {
            throw new PlatformError(ErrorBody.badRequest("pageSize must be 1..500 and pageNumber at least 1"));
        }
        List<Queue> matching = new ArrayList<>(call.world().org().queues());
        String name = call.ctx().queryParam("name");
        if (name != null && !name.isBlank()) {
            Pattern p = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
            matching.removeIf(q -> !p.matcher(q.name()).matches());
        }
        return Answer.json(200, views.queueListing(matching, call.world().org(), pageSize, pageNumber));
    }

    private Answer queue(Call call) {
        call.require(VIEW);
        return call.world().org().queue(call.path("queueId"))
                .map(q -> Answer.json(200, views.queue(q, call.world().org())))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Queue " + call.path("queueId") + " not found")));
    }
}
