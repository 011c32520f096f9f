package dev.unstuck.app.cli;

import dev.unstuck.app.service.Views;
import dev.unstuck.core.engine.Inspection;

import java.time.Instant;
import java.util.Map;


/** The CLI's JSON shapes, handed to the service so the API answers exactly what {@code --json} prints. */
public final class ServeViews {
    private ServeViews() {
    }

    public static Views views() {
        return new Views(OutcomeView::json, (client, inspection) -> {
            if (inspection instanceof Inspection.Found found) {
                return new ConversationView(InspectCommand.queueNames(client)).json(found.conversation(), found.plan());
            }
            return InspectCommand.notFound(((Inspection.NotFound) inspection).id());
        }, (report, org, dryRun) -> {
            Map<String, Object> body = SweepView.json(report, org, 0, "", Instant.now(), dryRun);
            body.put("queuesNotVisible", null); // the service does not ask Genesys which queues it cannot see: unknown
            return body;
        });
    }
}
