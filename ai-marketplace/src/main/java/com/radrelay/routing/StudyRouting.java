package com.radrelay.routing;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.inference.StudyInference;
import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.marketplace.ModelVersion;
import com.radrelay.marketplace.Subscriptions;
import com.radrelay.workflow.StudyReceived;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues each received study for the models its clinic subscribes to whose rules it matches, at each rule's priority.
 * Queuing is quick and durable; the inference workers do the runs, and a model that has already read the same images is not run twice.
 */
@Component
class StudyRouting {

    private static final Logger log = LoggerFactory.getLogger(StudyRouting.class);

    private final StudyArchive archive;
    private final Subscriptions subscriptions;
    private final ModelCatalogue catalogue;
    private final StudyInference inference;

    StudyRouting(StudyArchive archive, Subscriptions subscriptions, ModelCatalogue catalogue,
            StudyInference inference) {
        this.archive = archive;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.inference = inference;
    }

    @ApplicationModuleListener
    void on(StudyReceived received) {
        Optional<StudySummary> study = archive.study(received.tenant(), received.study());
        if (study.isEmpty()) {
            return;
        }
        StudySummary s = study.get();
        for (Subscriptions.Subscription subscription : subscriptions.of(received.tenant())) {
            if (!subscription.active() || !subscription.rule().matches(s.modalities(), s.bodyParts(),
                    s.description())) {
                continue;
            }
            Optional<ModelVersion> version = catalogue.newestApproved(subscription.model());
            if (version.isEmpty()) {
                log.warn("Tenant {} subscribes to {}, which has no approved version", received.tenant(),
                        subscription.model());
                continue;
            }
            inference.enqueue(received.tenant(), received.study(), catalogue.recipe(version.get()),
                    subscription.rule().priority());
        }
    }
}
