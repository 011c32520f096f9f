package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Reach;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The routing queues: a paged, name-filtered listing and one queue by id. */
record QueueEndpoints(GenesysJson views) {
    static final String VIEW = "routing:queue:view";
    static final String SEARCH = "routing:queue:search";

    void register(Routes routes) {
        routes.api(HandlerType.GET, "/api/v2/routing/queues", this::queues);
        routes.api(HandlerType.GET, "/api/v2/routing/queues/{queueId}", this::queue);
        routes.api(HandlerType.GET, "/api/v2/routing/queues/divisionviews/all", this::allQueues);
    }

    private Answer queues(Call call) {
        call.require(VIEW);
        Paging paging = paging(call);
        // Queues of divisions where the caller may not view queues are left out without a word.
        Reach reach = call.reach(List.of(VIEW));
        List<Queue> matching = new ArrayList<>(call.world().org().queues().stream().filter(q -> reach.includes(q.divisionId())).toList());
        String name = call.ctx().queryParam("name");
        if (name != null && !name.isBlank()) {
            Pattern p = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
            matching.removeIf(q -> !p.matcher(q.name()).matches());
        }
        return Answer.json(200, views.queueListing(matching, call.world().org(), paging.size(), paging.number()));
    }

    /**
     * "A digest of all queues in an organization" (simplified queues: id, name, division), whatever their
     * division; needs {@code routing:queue:search}.
     */
    private Answer allQueues(Call call) {
        call.require(SEARCH);
        Paging paging = paging(call);
        return Answer.json(200, views.queueDigest(call.world().org().queues(), call.world().org(), paging.size(), paging.number()));
    }

    private record Paging(int size, int number) {}

    private static Paging paging(Call call) {
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
        return new Paging(pageSize, pageNumber);
    }

    private Answer queue(Call call) {
        call.require(VIEW);
        Queue q = call.world().org().queue(call.path("queueId"))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Queue " + call.path("queueId") + " not found")));
        if (!call.reach(List.of(VIEW)).includes(q.divisionId())) {
            throw call.outsideDivision("Queue " + q.id(), List.of(VIEW));
        }
        return Answer.json(200, views.queue(q, call.world().org()));
    }
}
