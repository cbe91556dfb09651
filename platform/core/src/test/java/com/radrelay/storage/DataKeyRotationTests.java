package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.storage.crypto.KmsMasterKey;
import com.radrelay.storage.crypto.MasterKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.KmsStandIn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Data keys are rotated (new objects under a new key, old ones still read) and re-wrapped when the master changes,
 * here from a local master key to KMS (the AWS SDK's client against a protocol-level stand-in for KMS).
 */
@IntegrationTest
class DataKeyRotationTests {

    @Autowired ObjectStore store;
    @Autowired TenantKeys keys;
    @Autowired BlobStore blobs;
    @Autowired StorageSettings settings;
    @Autowired TenantDirectory directory;
    @Autowired JdbcTemplate jdbc;
    @Autowired TenantJdbcTransactions tx;
    @Autowired Clock clock;

    @Test
    void aRotatedClinicWritesUnderItsNewKeyAndStillReadsWhatTheOldOneWrote() throws IOException {
        Tenant clinic = Clinics.ruralClinic(directory);
        ObjectKey before = new ObjectKey(clinic.id(), "instances/before.dcm");
        ObjectKey after = new ObjectKey(clinic.id(), "instances/after.dcm");
        byte[] scan = scan();
        store.put(before, new ByteArrayInputStream(scan));
        assertThat(keys.dueForRotation(Duration.ZERO)).contains(clinic.id());
        assertThat(keys.dueForRotation(Duration.ofDays(1))).doesNotContain(clinic.id());

        UUID newKey = keys.rotate(clinic.id());
        store.put(after, new ByteArrayInputStream(scan));

        assertThat(keyIdOf(after)).isEqualTo(newKey).isNotEqualTo(keyIdOf(before));
        assertThat(read(store, before)).isEqualTo(scan);
        assertThat(read(store, after)).isEqualTo(scan);
        assertThat(CurrentTenant.call(clinic.id(), () -> tx.execute(clinic.id(), () -> jdbc.queryForList(
                "select retired_at is null from tenant_keys order by created_at", Boolean.class))))
                .containsExactly(false, true);
    }

    @Test
    void aChangeOfMasterToKmsRewrapsEveryKeyTheOldMasterWrapped() throws IOException {
        Tenant clinic = Clinics.ruralClinic(directory);
        MasterKey local = MasterKey.of(randomKey());
        ObjectKey key = new ObjectKey(clinic.id(), "instances/scan.dcm");
        byte[] scan = scan();
        store(new TenantKeys(jdbc, tx, local, List.of(), clock)).put(key, new ByteArrayInputStream(scan));

        try (KmsStandIn standIn = new KmsStandIn(); KmsClient client = kms(standIn)) {
            KmsMasterKey kms = new KmsMasterKey(client, "alias/radrelay-test");
            assertThatThrownBy(() -> read(store(new TenantKeys(jdbc, tx, kms, List.of(), clock)), key))
                    .hasMessageContaining("was wrapped by " + local.id() + ", which is neither the master key nor a "
                            + "previous one");

            TenantKeys changing = new TenantKeys(jdbc, tx, kms, List.of(local), clock);
            assertThat(changing.rewrap()).isEqualTo(1);
            assertThat(changing.rewrap()).as("nothing is left to move").isZero();
            assertThat(CurrentTenant.call(clinic.id(), () -> tx.execute(clinic.id(), () -> jdbc.queryForList(
                    "select wrapped_by from tenant_keys", String.class)))).containsExactly("kms:alias/radrelay-test");
            assertThat(read(store(new TenantKeys(jdbc, tx, kms, List.of(), clock)), key))
                    .as("KMS alone unwraps it now").isEqualTo(scan);
        }
    }

    @Test
    void kmsBindsAWrappedKeyToItsClinic() throws IOException {
        try (KmsStandIn standIn = new KmsStandIn(); KmsClient client = kms(standIn)) {
            KmsMasterKey kms = new KmsMasterKey(client, "alias/radrelay-test");
            UUID clinic = UUID.randomUUID();
            UUID dataKey = UUID.randomUUID();
            byte[] raw = Base64.getDecoder().decode(randomKey());
            byte[] wrapped = kms.wrap(raw, clinic, dataKey);
            assertThat(kms.unwrap(wrapped, clinic, dataKey)).isEqualTo(raw);
            assertThatThrownBy(() -> kms.unwrap(wrapped, UUID.randomUUID(), dataKey))
                    .hasMessageContaining("KMS did not unwrap data key " + dataKey)
                    .hasMessageContaining("InvalidCiphertextException");
        }
    }

    private EncryptedObjectStore store(TenantKeys tenantKeys) {
        return new EncryptedObjectStore(blobs, tenantKeys, new SegmentedAead(settings.segmentSize()));
    }

    private static KmsClient kms(KmsStandIn standIn) {
        return KmsClient.builder().endpointOverride(standIn.endpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private UUID keyIdOf(ObjectKey key) throws IOException {
        try (InputStream in = blobs.read(key.name(), 0, SegmentedAead.HEADER_LENGTH).data()) {
            return SegmentedAead.keyId(in.readNBytes(SegmentedAead.HEADER_LENGTH));
        }
    }

    private static byte[] read(ObjectStore from, ObjectKey key) throws IOException {
        try (InputStream in = from.open(key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] scan() {
        byte[] scan = new byte[200_000];
        new Random(11).nextBytes(scan);
        return scan;
    }

    private static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
