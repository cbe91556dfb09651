package com.radrelay.marketplace;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.Priority;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A clinic's subscriptions to approved models, each with the routing rule that says which studies it reads. */
@Service
public class Subscriptions {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final ModelCatalogue catalogue;
    private final AuditLog audit;
    private final Clock clock;

    Subscriptions(JdbcTemplate jdbc, TenantTransactions tx, ModelCatalogue catalogue, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Which studies a subscription reads: any of these modalities (empty: the model's own), any of these body parts
     * (empty: any), and a study description matching the pattern (case-insensitive; blank: any); and how soon: runs
     * of a higher priority are taken first when studies wait for the inference workers.
     */
    public record Rule(List<String> modalities, List<String> bodyParts, @Nullable String descriptionPattern,
            Priority priority) {

        /** A routine rule. */
        public Rule(List<String> modalities, List<String> bodyParts, @Nullable String descriptionPattern) {
            this(modalities, bodyParts, descriptionPattern, Priority.ROUTINE);
        }

        public Rule {
            modalities = modalities.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
            bodyParts = bodyParts.stream().map(b -> b.strip().toUpperCase(Locale.ROOT)).toList();
            if (descriptionPattern != null && descriptionPattern.isBlank()) {
                descriptionPattern = null;
            }
            if (descriptionPattern != null) {
                try {
                    Pattern.compile(descriptionPattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("the description pattern is not a valid regular expression: "
                            + e.getDescription());
                }
            }
        }

        /** Whether a study with these modalities, body parts and description is one for the model. */
        public boolean matches(List<String> studyModalities, List<String> studyBodyParts,
                @Nullable String description) {
            boolean modality = modalities.isEmpty()
                    || studyModalities.stream().anyMatch(m -> modalities.contains(m.toUpperCase(Locale.ROOT)));
            boolean bodyPart = bodyParts.isEmpty()
                    || studyBodyParts.stream().anyMatch(b -> bodyParts.contains(b.toUpperCase(Locale.ROOT)));
            boolean text = descriptionPattern == null || (description != null && Pattern.compile(descriptionPattern,
                    Pattern.CASE_INSENSITIVE).matcher(description).find());
            return modality && bodyPart && text;
        }
    }

    /** One subscription of a clinic. */
    public record Subscription(UUID modelId, String model, Rule rule, boolean active) {
    }

    /** Subscribes the clinic to an approved model, or changes the rule of its subscription. */
    public void subscribe(TenantId clinic, String model, Rule rule, String actor) {
        ModelVersion version = catalogue.newestApproved(model).orElseThrow(() -> new IllegalArgumentException(
                "model " + model + " is not in the catalogue"));
        List<String> modalities = rule.modalities().isEmpty() ? version.modalities() : rule.modalities();
        tx.execute(clinic, () -> jdbc.update("""
                insert into ai_subscriptions (tenant_id, model_id, modalities, body_parts, description_pattern,
                    priority, active, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, true, ?, ?)
                on conflict (tenant_id, model_id) do update set modalities = excluded.modalities,
                    body_parts = excluded.body_parts, description_pattern = excluded.description_pattern,
                    priority = excluded.priority, active = true""", clinic.value(), version.modelId(),
                modalities.toArray(String[]::new), rule.bodyParts().toArray(String[]::new), rule.descriptionPattern(),
                rule.priority().name(), actor, Timestamp.from(clock.instant())));
        audit.record(new AuditEvent(clinic, actor, "AI_SUBSCRIBED", "ai-model", model, AuditEvent.Outcome.SUCCESS,
                "modalities=" + modalities + " bodyParts=" + rule.bodyParts() + " pattern="
                        + rule.descriptionPattern() + " priority=" + rule.priority()));
    }

    public void unsubscribe(TenantId clinic, String model, String actor) {
        int changed = tx.execute(clinic, () -> jdbc.update("""
                update ai_subscriptions set active = false
                where model_id = (select id from ai_models where name = ?)""", model));
        if (changed > 0) {
            audit.record(new AuditEvent(clinic, actor, "AI_UNSUBSCRIBED", "ai-model", model,
                    AuditEvent.Outcome.SUCCESS, ""));
        }
    }

    public List<Subscription> of(TenantId clinic) {
        return tx.execute(clinic, () -> jdbc.query("""
                select s.model_id, m.name, s.modalities, s.body_parts, s.description_pattern, s.active, s.priority
                from ai_subscriptions s join ai_models m on m.id = s.model_id order by m.name""",
                (rs, i) -> new Subscription(rs.getObject(1, UUID.class), rs.getString(2),
                        new Rule(Arrays.asList((String[]) rs.getArray(3).getArray()),
                                Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5),
                                Priority.valueOf(rs.getString(7))),
                        rs.getBoolean(6))));
    }
}
